using System.Reactive.Disposables;
using RxLog.Pipeline;
using RxLog.Rendering.Dashboard;
using Spectre.Console.Testing;
using static RxLog.Tests.Rendering.Events;

namespace RxLog.Tests.Rendering;

/// <summary>A terminal resize redraws the dashboard at once, between events, through the resize hook
/// (SIGWINCH in the process; a captured callback here).</summary>
public class DashboardResizeTests
{
    private readonly TestConsole _console = new TestConsole().Width(100).Height(40);
    private Action? _resized;
    private int _subscriptions;
    private int _unsubscriptions;

    private DashboardView View() => new(_console, "-", new MonitorSettings(Threshold: 10, WindowSeconds: 120),
        resizes: callback =>
        {
            _resized = callback;
            _subscriptions++;
            return Disposable.Create(() => _unsubscriptions++);
        });

    /// <summary>The lines of the last frame, from its top border to its bottom border.</summary>
    private static string[] LastFrame(TestConsole console)
    {
        var lines = console.Lines.ToList();
        int top = lines.FindLastIndex(l => l.StartsWith("┌─ rxlog", StringComparison.Ordinal));
        int bottom = lines.FindIndex(top, l => l.StartsWith('└'));
        return lines.Skip(top).Take(bottom - top + 1).ToArray();
    }

    [Fact]
    public void A_resize_redraws_the_frame_at_the_new_size_without_a_new_event()
    {
        var view = View();
        view.OnEvent(Report());
        view.OnEvent(Alert());
        int frames = _console.Lines.Count(l => l.StartsWith("┌─ rxlog", StringComparison.Ordinal));

        _console.Width(60);
        _resized!();

        // The same frame a 60-column terminal gets from the same events.
        var narrow = new TestConsole().Width(60).Height(40);
        var fresh = new DashboardView(narrow, "-", new MonitorSettings(Threshold: 10, WindowSeconds: 120));
        fresh.OnEvent(Report());
        fresh.OnEvent(Alert());
        Assert.Equal(frames + 1, _console.Lines.Count(l => l.StartsWith("┌─ rxlog", StringComparison.Ordinal)));
        Assert.Equal(LastFrame(narrow), LastFrame(_console));
        Assert.Equal("┌─ rxlog " + new string('─', 50) + "┐", LastFrame(_console)[0]);
        Assert.All(LastFrame(_console), l => Assert.Equal(60, l.Length));
        Assert.Equal("│ every 10s", LastFrame(_console)[2].TrimEnd('│').TrimEnd()); // the header wraps at 60
    }

    [Fact]
    public void A_resize_before_the_first_frame_draws_nothing()
    {
        View();
        _console.Width(60);
        _resized!();
        Assert.Equal("", _console.Output);
    }

    [Fact]
    public void After_the_summary_resizes_are_no_longer_followed_and_draw_nothing_below_it()
    {
        var view = View();
        view.OnEvent(Report());
        view.OnEvent(Summary());
        string before = _console.Output;

        _console.Width(60);
        _resized!();

        Assert.Equal((1, 1), (_subscriptions, _unsubscriptions));
        Assert.Equal(before, _console.Output);
        Assert.StartsWith("Summary: ", _console.Lines[^1], StringComparison.Ordinal);
    }
}

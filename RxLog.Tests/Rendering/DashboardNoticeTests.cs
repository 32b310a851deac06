using RxLog.Pipeline;
using RxLog.Rendering;
using RxLog.Rendering.Dashboard;
using Spectre.Console.Testing;
using static RxLog.Tests.Rendering.Events;

namespace RxLog.Tests.Rendering;

/// <summary>Notices in dashboard mode: in the frame while it is live (a line on stderr would be drawn over), then on
/// stderr as <c>rxlog: </c> lines after the summary, which stays on stdout.</summary>
public class DashboardNoticeTests
{
    private readonly TestConsole _console = new TestConsole().Width(100).Height(40);
    private readonly StringWriter _errors = new();

    private DashboardView View() =>
        new(_console, "-", new MonitorSettings(Threshold: 10, WindowSeconds: 120), errors: _errors);

    [Fact]
    public void Notices_stay_in_the_frame_while_live_and_are_repeated_on_stderr_after_the_summary()
    {
        var view = View();
        view.OnNotice("access.log: Common/Combined Log Format (detected)");
        view.OnEvent(Report());
        view.OnNotice("access.log was replaced; following the new file");
        Assert.Equal("", _errors.ToString());
        Assert.Contains("│ notice: access.log was replaced; following the new file", _console.Output, StringComparison.Ordinal);

        view.OnEvent(Summary());

        Assert.Equal(
            "rxlog: access.log: Common/Combined Log Format (detected)\n"
            + "rxlog: access.log was replaced; following the new file\n",
            _errors.ToString().ReplaceLineEndings("\n"));
        Assert.StartsWith("Summary: ", _console.Lines[^1], StringComparison.Ordinal);
        Assert.DoesNotContain(_console.Lines, l => l.StartsWith("rxlog:", StringComparison.Ordinal));
    }

    [Fact]
    public void A_notice_after_the_summary_goes_to_stderr_and_leaves_stdout_alone()
    {
        var view = View();
        view.OnEvent(Report());
        view.OnEvent(Summary());
        string stdout = _console.Output;

        view.OnNotice("b.log: waiting for it to appear\u001b]0;x\u0007");

        Assert.Equal(stdout, _console.Output);
        Assert.Equal(@"rxlog: b.log: waiting for it to appear\x1b]0;x\x07" + "\n", _errors.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Only_the_last_100_notices_are_repeated_and_the_older_are_counted()
    {
        var view = View();
        for (int i = 1; i <= 105; i++) view.OnNotice($"notice {i}");
        view.OnEvent(Summary());

        string[] lines = _errors.ToString().ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        Assert.Equal(101, lines.Length);
        Assert.Equal("rxlog: (5 earlier notice(s) not repeated)", lines[0]);
        Assert.Equal("rxlog: notice 6", lines[1]);
        Assert.Equal("rxlog: notice 105", lines[^1]);
    }

    [Fact]
    public void The_view_factory_gives_the_dashboard_stderr_for_its_notices()
    {
        var console = new TestConsole().Width(100).Height(40);
        console.Profile.Capabilities.Ansi = true;
        var output = new StringWriter();
        var error = new StringWriter();
        var live = new LiveTerminal(Plain: false, StdoutIsTerminal: true, "xterm-256color", "-", new MonitorSettings(),
            Console: _ => console);

        var view = ViewFactory.Create(json: false, output, error, zone: null, threshold: 10, live);
        view.OnNotice("stdin: Common/Combined Log Format (detected)");
        view.OnEvent(Summary());

        Assert.IsType<DashboardView>(view);
        Assert.Equal("rxlog: stdin: Common/Combined Log Format (detected)\n", error.ToString().ReplaceLineEndings("\n"));
        Assert.DoesNotContain("rxlog:", console.Output, StringComparison.Ordinal);
    }
}

using RxLog.Alerting;
using RxLog.Alerting.Rules;
using RxLog.Pipeline;
using Spectre.Console;

namespace RxLog.Rendering.Dashboard;

/// <summary>A live dashboard for a terminal (Rendering stage): each event updates a <see cref="DashboardState"/> and
/// redraws the whole frame in place (cursor home, frame, erase below), and redraws it at once when the terminal is
/// resized. On the <see cref="RunSummary"/> the last frame stays on screen and every alert and recovery (the
/// <see cref="PlainTextFormat"/> lines), then the summary lines, are printed below it, so the terminal keeps a record after exit.
/// Notices show in the frame while it is live (a line on stderr would be drawn over); after the summary they are
/// repeated on stderr as <c>rxlog: </c> lines, as plain mode writes them, and later ones go straight there.</summary>
/// <remarks>No Spectre <c>Live</c> display: it crashes under <c>TERM=dumb</c> and is not thread-safe. Notices may come
/// from a source's thread while the pipeline renders, so every call takes one lock.</remarks>
public sealed class DashboardView : IMonitorView
{
    private const string Home = "\u001b[H";
    private const string EraseBelow = "\u001b[J";
    private const string EraseScreen = "\u001b[2J";
    private const int MaxNotices = 100;

    private readonly object _gate = new();
    private readonly IAnsiConsole _console;
    private readonly string _source;
    private readonly MonitorSettings _settings;
    private readonly DisplayZone? _zone;
    private readonly DashboardState _state = new();
    private readonly IDisposable? _resizes; // until the summary
    private readonly TextWriter? _errors;
    private readonly Queue<string> _notices = new(); // shown while live, for stderr after the summary; at most MaxNotices
    private long _noticesDropped;
    private bool _drawn;
    private bool _finished;

    /// <param name="console">The terminal (a <c>TestConsole</c> in tests).</param>
    /// <param name="source">What is read: <c>-</c> for stdin, else the followed files.</param>
    /// <param name="resizes">Subscribes a callback to the terminal's resizes (<see cref="TerminalResize.OnResize"/>);
    /// each one redraws the frame at the new size.</param>
    /// <param name="errors">stderr, for notices once the frame is done; null keeps them in the frame only.</param>
    public DashboardView(IAnsiConsole console, string source, MonitorSettings settings, DisplayZone? zone = null,
        Func<Action, IDisposable>? resizes = null, TextWriter? errors = null)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(settings);
        _console = console;
        _source = source == "-" ? "stdin" : source ?? "";
        _settings = settings;
        _zone = zone;
        _errors = errors;
        _resizes = resizes?.Invoke(Redraw);
    }

    /// <inheritdoc/>
    public void OnEvent(MonitorEvent monitorEvent)
    {
        ArgumentNullException.ThrowIfNull(monitorEvent);
        lock (_gate)
        {
            if (_finished) return;
            _state.Apply(monitorEvent);
            Draw();
            if (monitorEvent is RunSummary summary)
            {
                _finished = true;
                _resizes?.Dispose();
                Finish(summary);
            }
        }
    }

    /// <inheritdoc/>
    public void OnNotice(string message)
    {
        lock (_gate)
        {
            _state.SetNotice(message);
            if (_finished)
            {
                WriteNotices(_state.Notice!);
                return;
            }

            if (_notices.Count == MaxNotices)
            {
                _notices.Dequeue();
                _noticesDropped++;
            }

            _notices.Enqueue(_state.Notice!);
            Draw();
        }
    }

    /// <summary>Draws the frame again at the terminal's size now: after a resize, between events. Takes the lock every
    /// event takes, so it never interleaves with a frame; nothing before the first frame or after the summary.</summary>
    public void Redraw()
    {
        lock (_gate)
        {
            if (!_drawn || _finished) return;
            try
            {
                Draw();
            }
            catch (IOException)
            {
                // Called from a signal: the terminal is gone, and the next event's frame fails the run the usual way.
            }
        }
    }

    private void Draw()
    {
        _console.WriteAnsi((_drawn ? "" : EraseScreen) + Home);
        _drawn = true;
        _console.Write(DashboardLayout.Build(_state, _source, _settings, _zone, _console.Profile.Height));
        _console.WriteAnsi(EraseBelow);
        _console.Profile.Out.Writer.Flush(); // rxlog's stdout is buffered
    }

    private void Finish(RunSummary summary)
    {
        // Straight to the terminal's writer: Spectre would break long lines at the width, and these are for copying.
        TextWriter output = _console.Profile.Out.Writer;
        foreach (MonitorEvent entry in _state.History)
        {
            output.WriteLine(PlainTextFormat.AlertLine(entry, _zone));
        }

        foreach (string line in PlainTextFormat.SummaryLines(summary, _zone))
        {
            output.WriteLine(line);
        }

        output.Flush();
        if (_noticesDropped > 0) WriteNotices($"({_noticesDropped} earlier notice(s) not repeated)");
        WriteNotices(_notices.ToArray());
        _notices.Clear();
    }

    private void WriteNotices(params string[] sanitised)
    {
        if (_errors is null || sanitised.Length == 0) return;
        foreach (string notice in sanitised)
        {
            _errors.WriteLine("rxlog: " + notice);
        }

        _errors.Flush();
    }
}

using RxLog.Rendering.Dashboard;
using Spectre.Console;

namespace RxLog.Rendering;

/// <summary>Chooses the view: NDJSON for <c>--json</c>; the dashboard for a live mode on an interactive terminal
/// (not <c>--plain</c>, not <c>TERM=dumb</c>, and a console that speaks ANSI); else plain text lines.</summary>
public static class ViewFactory
{
    /// <param name="live">Set by the live modes (stdin, <c>watch</c>); null for <c>check</c>, which stays plain.</param>
    /// <param name="flushEachEvent">False for <c>check</c> writing to a file or a pipe: its events leave when the
    /// output buffer fills and at the end, as grep's do (a flush per event was one write(2) per report, a third of a
    /// sparse log's replay). Live modes, and <c>check</c> on a terminal, show each event as it happens.</param>
    public static IMonitorView Create(bool json, TextWriter output, TextWriter error, DisplayZone? zone,
        double? threshold = null, LiveTerminal? live = null, bool flushEachEvent = true)
    {
        if (json) return new JsonLinesView(output, error, zone, flushEachEvent);
        if (WantsDashboard(live))
        {
            IAnsiConsole console = (live!.Console ?? TerminalConsole)(output);
            if (console.Profile.Capabilities.Ansi)
                return new DashboardView(console, live.Source, live.Settings, zone, live.Resizes, error);
        }

        return new PlainTextView(output, error, threshold, zone, flushEachEvent);
    }

    /// <summary>True for a live mode on an interactive terminal that is not <c>dumb</c>, without <c>--plain</c>.</summary>
    public static bool WantsDashboard(LiveTerminal? live) =>
        live is { Plain: false, StdoutIsTerminal: true }
        && !string.Equals(live.Term, "dumb", StringComparison.Ordinal);

    // Spectre's defaults detect ANSI and colours, and honour NO_COLOR; the size comes from the window.
    private static IAnsiConsole TerminalConsole(TextWriter output) =>
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new TerminalOutput(output) });
}

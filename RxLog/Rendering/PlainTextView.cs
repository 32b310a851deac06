using RxLog.Aggregation;
using RxLog.Alerting;
using RxLog.Alerting.Rules;
using RxLog.Pipeline;

namespace RxLog.Rendering;

/// <summary>Readable lines for pipes, CI logs and <c>check</c> (Rendering stage): no colour, no cursor movement,
/// one flush per event so a pipe sees each event as it happens (unless told not to: <c>check</c> into a file or a pipe). Lines are made by <see cref="PlainTextFormat"/>.</summary>
/// <remarks>Write errors (a closed pipe) are not caught: the pipeline stops on them (exit 141).</remarks>
public sealed class PlainTextView : IMonitorView
{
    private readonly TextWriter _output;
    private readonly TextWriter _errors;
    private readonly DisplayZone? _zone;
    private readonly bool _flushEachEvent;
    private double? _threshold; // from the constructor, else learnt from the first alert event

    /// <param name="output">Events (stdout).</param>
    /// <param name="errors">Notices, prefixed <c>rxlog: </c> (stderr).</param>
    /// <param name="threshold">The alert threshold, shown in reports beside the average (reports do not carry it).</param>
    /// <param name="zone">Zone for displayed times (<c>--tz</c>); null keeps the events' own offset.</param>
    /// <param name="flushEachEvent">Flush after every event; else only the summary is flushed.</param>
    public PlainTextView(TextWriter output, TextWriter errors, double? threshold = null, DisplayZone? zone = null,
        bool flushEachEvent = true)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        _output = output;
        _errors = errors;
        _threshold = threshold;
        _zone = zone;
        _flushEachEvent = flushEachEvent;
    }

    /// <inheritdoc/>
    public void OnEvent(MonitorEvent monitorEvent)
    {
        switch (monitorEvent)
        {
            case TrafficReport report:
                foreach (string line in PlainTextFormat.Report(report, _threshold, _zone))
                {
                    _output.WriteLine(line);
                }

                break;
            case AlertRaised or AlertRecovered or RuleRaised or RuleRecovered:
                _threshold ??= (monitorEvent as AlertRaised)?.Threshold ?? (monitorEvent as AlertRecovered)?.Threshold;
                _output.WriteLine(PlainTextFormat.AlertLine(monitorEvent, _zone));
                break;
            case RunSummary summary:
                foreach (string line in PlainTextFormat.SummaryLines(summary, _zone))
                {
                    _output.WriteLine(line);
                }

                break;
            default:
                return; // an event kind this view does not know: nothing to show
        }

        if (_flushEachEvent || monitorEvent is RunSummary) _output.Flush();
    }

    /// <inheritdoc/>
    public void OnNotice(string message)
    {
        _errors.WriteLine("rxlog: " + TerminalText.Sanitize(message ?? ""));
        _errors.Flush();
    }
}

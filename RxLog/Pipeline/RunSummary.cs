using RxLog.Aggregation;

namespace RxLog.Pipeline;

/// <summary>The last event of a run: what was read and what fired.</summary>
/// <param name="Time">When the summary was made (the end of input in log time, else the clock's now).</param>
/// <param name="Start">First record's second, or null when no record was read.</param>
/// <param name="End">Newest (clamped) record's second + 1, or null when no record was read.</param>
/// <param name="Alerts">Alerts raised during the run.</param>
/// <param name="Alerting">Whether an alert is still active at the end.</param>
/// <param name="FirstInvalidLine">The first invalid line (raw text, for the "no record" error), if any.</param>
/// <param name="ResponseTime">Response times of the run's hits that carried one; null when none did.</param>
/// <param name="Format">The name of the format the lines were read in, when known.</param>
/// <param name="Rejects">Where <c>--rejects</c> wrote the invalid lines, and how many, when asked.</param>
/// <param name="Rules">With a rules file: alerts per rule (the built-in one first unless turned off); null without one.
/// <see cref="Alerts"/> and <see cref="Alerting"/> count every rule.</param>
public sealed record RunSummary(DateTimeOffset Time, DateTimeOffset? Start, DateTimeOffset? End, long Hits, long Invalid,
    int Alerts, bool Alerting, string? FirstInvalidLine, ResponseTimeStats? ResponseTime = null, string? Format = null,
    RejectsWritten? Rejects = null, IReadOnlyList<RuleCount>? Rules = null)
    : MonitorEvent(Time);

/// <summary>One rule's alerts over a run, and whether it is still alerting at the end.</summary>
public sealed record RuleCount(string Rule, int Alerts, bool Alerting);

/// <summary>What <c>--rejects FILE</c> received during a run.</summary>
public sealed record RejectsWritten(string Path, long Count);

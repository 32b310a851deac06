using RxLog.Pipeline;

namespace RxLog.Aggregation;

/// <summary>One report interval <c>[Start, End)</c>, aligned to the epoch (CONTRACT.md "Reports").</summary>
/// <param name="Start">Aligned interval start.</param>
/// <param name="End">Aligned interval end (also for the last, partial interval).</param>
/// <param name="Hits">Records in the interval.</param>
/// <param name="Sections">Top sections, hits descending then ordinal by name, at most <c>--top</c> of them.</param>
/// <param name="Status">Hits by status class.</param>
/// <param name="Bytes">Bytes sent.</param>
/// <param name="Invalid">Invalid lines counted in this interval.</param>
/// <param name="WindowHits">Hits in the alert window at the end boundary.</param>
/// <param name="Average">Window average at the end boundary, after that boundary's alert decision.</param>
/// <param name="Alerting">Whether an alert is active at the end boundary.</param>
/// <param name="Approximate">True when the interval had more distinct sections than the exact cap.</param>
/// <param name="ResponseTime">Response times of the interval's hits that carried one; null when none did.</param>
/// <param name="Clients">Top clients with their bytes, ordered like sections; null when no hit named a client (the
/// format has none) or none were asked for.</param>
/// <param name="ClientsApproximate">True when the interval had more distinct clients than the exact cap.</param>
/// <param name="AlertingRules">With a rules file: the file's rules alerting at the end boundary, in file order; null
/// without one. (<see cref="Alerting"/> is the built-in rule's.)</param>
/// <param name="Hosts">The busiest receiving hosts (<c>rxlog receive</c>), ordered like sections; null when not asked
/// for.</param>
/// <param name="Metrics">For the metrics endpoint (<c>--listen</c>): every section, the response-time buckets and each
/// rule's value; null without it.</param>
public sealed record TrafficReport(
    DateTimeOffset Start, DateTimeOffset End, long Hits, IReadOnlyList<SectionCount> Sections, StatusMix Status,
    long Bytes, long Invalid, long WindowHits, double Average, bool Alerting, bool Approximate,
    ResponseTimeStats? ResponseTime = null, IReadOnlyList<ClientCount>? Clients = null,
    bool ClientsApproximate = false, IReadOnlyList<string>? AlertingRules = null, ReportMetrics? Metrics = null,
    IReadOnlyList<SourceCount>? Hosts = null)
    : MonitorEvent(End);

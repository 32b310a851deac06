using RxLog.Alerting;

namespace RxLog.Aggregation;

/// <summary>One report interval <c>[Start, Start + I)</c> being filled with its closed seconds, each with the alert
/// decided at its boundary; becomes a <see cref="TrafficReport"/> once the interval has closed. Pure, no clock.</summary>
/// <remarks>CONTRACT.md "Reports": the report's <c>avg</c> and <c>alerting</c> are those at its end boundary, after
/// that boundary's decision, which is the last second added (for the last, partial interval: <c>last + 1</c>).</remarks>
public sealed class ReportInterval(long start, int intervalSeconds)
{
    private TrafficAccumulator? _traffic;   // made at the first second with anything to report
    private SourceHits? _sources;

    /// <summary>Aligned start of the interval, in Unix seconds.</summary>
    public long Start { get; } = start;

    /// <summary>Everything the interval counted; empty until something was.</summary>
    public TrafficAccumulator Traffic => _traffic ??= IntervalTallies.Take();

    /// <summary>The decision at the newest boundary added, as it was there (decisions are not kept: see
    /// <see cref="AlertDecision"/>); null before any.</summary>
    public DecisionSeen? Last { get; private set; }

    /// <summary>True when no second added held a hit or an invalid line.</summary>
    public bool IsEmpty => _traffic is null || _traffic.IsEmpty;

    /// <summary>Counts the second closed at <paramref name="decision"/>'s boundary; returns this interval.</summary>
    /// <remarks>The workers' tallies are merged whole and handed back to them (<see cref="RunTallies"/>): nothing
    /// else reads them once their second has closed.</remarks>
    public ReportInterval Add(AlertDecision decision)
    {
        var closed = decision.Closed;
        Last = new DecisionSeen(decision.Boundary, decision.WindowHits, decision.Average, decision.Alerting,
            closed.Offset, decision.Rules);
        // The first second's counts become the interval's, counted on in place: no second table for an interval
        // of one busy second, nor for each report of a quiet log.
        if (closed.Traffic is { } traffic)
        {
            if (_traffic is null) _traffic = traffic;
            else
            {
                _traffic.Merge(traffic);
                IntervalTallies.GiveBack(traffic);
            }
        }
        if (closed.Sources is { } sources)
        {
            if (_sources is null) _sources = sources;
            else _sources.Merge(sources);
        }
        if (closed.Tallies is { } tallies)
        {
            for (int i = 0; i < tallies.Count; i++)
            {
                Traffic.Merge(tallies[i]);
                RunTallies.GiveBack(tallies[i]);
            }
        }
        return this;
    }

    /// <summary>The report users see: <paramref name="top"/> sections, <paramref name="topClients"/> clients (0: none);
    /// with <paramref name="metrics"/>, what the metrics endpoint needs too (<paramref name="builtInRule"/>: whether
    /// the built-in rule is on, so that its value is one of the rules').</summary>
    /// <param name="topHosts">How many sources to list (0: none).</param>
    public TrafficReport ToReport(int top, int topClients, bool metrics = false, bool builtInRule = true, int topHosts = 0)
    {
        var traffic = Traffic;
        var last = Last;
        DateTimeOffset At(long second) =>
            DateTimeOffset.FromUnixTimeSeconds(second).ToOffset(last?.Offset ?? TimeSpan.Zero);
        return new TrafficReport(At(Start), At(Start + intervalSeconds), traffic.Hits, traffic.TopSections(top),
            traffic.Status, traffic.Bytes, traffic.Invalid, last?.WindowHits ?? 0, last?.Average ?? 0,
            last?.Alerting ?? false, traffic.Approximate, traffic.ResponseTimes.Summarize(),
            topClients > 0 && traffic.HitsWithClient > 0 ? traffic.TopClients(topClients) : null,
            traffic.ClientsApproximate,
            last?.Rules is { } rules ? rules.Where(static r => r.Alerting).Select(static r => r.Rule.Name).ToArray() : null,
            metrics ? Metrics(traffic, builtInRule) : null,
            topHosts > 0 ? _sources?.Top(topHosts) ?? [] : null);
    }

    private ReportMetrics Metrics(TrafficAccumulator traffic, bool builtInRule)
    {
        var last = Last;
        var rules = new List<RuleValueAt>((last?.Rules?.Count ?? 0) + 1);
        if (builtInRule) rules.Add(new RuleValueAt(Alerting.Rules.AlertRule.HighTrafficName, last?.Average ?? 0));
        foreach (var rule in last?.Rules ?? [])
            rules.Add(new RuleValueAt(rule.Rule.Name, rule.Value is { } v ? Alerting.Rules.RuleValue.InMetricUnits(rule.Rule, v) : null));
        var times = traffic.ResponseTimes;
        return new ReportMetrics(traffic.TopSections(int.MaxValue), ReportMetrics.Buckets(times), times.Count,
            (double)times.Sum / 1_000_000, rules);
    }

    /// <summary>Hands the interval's counts back for another interval (<see cref="IntervalTallies"/>), once its report
    /// is made and nothing reads them any more; the interval is then empty.</summary>
    public void Release()
    {
        if (_traffic is { } traffic) IntervalTallies.GiveBack(traffic);
        _traffic = null;
    }

    /// <summary>Aligned start of the interval holding <paramref name="second"/> (negative seconds included).</summary>
    public static long StartOf(long second, int intervalSeconds) =>
        second - (((second % intervalSeconds) + intervalSeconds) % intervalSeconds);
}

/// <summary>What a report says of the alert: the decision at one boundary, as it was there.</summary>
/// <param name="Boundary">The boundary decided.</param>
/// <param name="WindowHits">Hits in the window there.</param>
/// <param name="Average">Their average over the window.</param>
/// <param name="Alerting">Whether an alert was active after the decision.</param>
/// <param name="Offset">The display offset of the second that closed there.</param>
/// <param name="Rules">The rules file's rules decided there; null without one. Read their rule, value and state only:
/// each one's <c>Closed</c> is the clock's closed second, which moves on (<see cref="ClosedSecond"/>).</param>
public readonly record struct DecisionSeen(long Boundary, long WindowHits, double Average, bool Alerting,
    TimeSpan Offset, IReadOnlyList<Alerting.Rules.RuleDecision>? Rules);

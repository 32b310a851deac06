using RxLog.Aggregation;

namespace RxLog.Alerting.Rules;

/// <summary>What a rule measures over its window (CONTRACT.md "Rules").</summary>
public enum RuleKind
{
    /// <summary>Matching hits per second: <c>matching / W</c>.</summary>
    Rate,
    /// <summary>Matching hits over all hits, once the window holds <c>min_hits</c> hits.</summary>
    Ratio,
    /// <summary>A percentile of the matching hits' response times, once <c>min_hits</c> of them carry one.</summary>
    Latency,
    /// <summary>No matching hit for the whole window.</summary>
    Silence,
}

/// <summary>One alert rule from a rules file (or the built-in <c>high_traffic</c>), checked: every value in range.</summary>
/// <param name="Name"><c>[a-z0-9_]+</c>, unique in its file.</param>
/// <param name="Threshold">Rate: hits/s. Ratio: a fraction in [0, 1]. Latency: microseconds. Silence: seconds (the window).</param>
/// <param name="WindowSeconds">W: the rule's window (silence: its duration).</param>
/// <param name="Scope">Which hits it counts.</param>
/// <param name="MinHits">Ratio and latency: below this many hits (timed hits for latency) in the window, no decision.</param>
/// <param name="Percentile">Latency: the percentile, in (0, 100].</param>
/// <param name="ForSeconds">Its raise condition must hold at every boundary for this long first.</param>
/// <param name="Labels">Passed on to JSON (and later metrics and notifications), in file order.</param>
/// <param name="Summary">A sentence for people, passed on like the labels.</param>
public sealed record AlertRule(string Name, RuleKind Kind, double Threshold, int WindowSeconds, RuleScope Scope,
    long MinHits = 1, double Percentile = 95, int ForSeconds = 0,
    IReadOnlyList<KeyValuePair<string, string>>? Labels = null, string? Summary = null)
{
    /// <summary>The built-in rule's name.</summary>
    public const string HighTrafficName = "high_traffic";

    /// <summary>The built-in rule as the options define it, when no rules file redefines it.</summary>
    public static AlertRule HighTraffic(double threshold, int windowSeconds) =>
        new(HighTrafficName, RuleKind.Rate, threshold, windowSeconds, Aggregation.RuleScope.All);

    /// <summary>The labels, never null.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> LabelList => Labels ?? [];

    /// <summary>True when the rule must look at each record (a scope, or response times), not only at a second's hits.</summary>
    public bool NeedsRecords => !Scope.IsAll || Kind == RuleKind.Latency;

    /// <summary>The kind as written in the file and in JSON.</summary>
    public string KindName => Kind switch
    {
        RuleKind.Rate => "rate",
        RuleKind.Ratio => "ratio",
        RuleKind.Latency => "latency",
        _ => "silence",
    };
}

using System.Globalization;
using RxLog.Rendering;

namespace RxLog.Alerting.Rules;

/// <summary>What a rule measured at one boundary, with the counts behind it, for its texts and JSON.</summary>
/// <param name="Value">Rate: hits/s. Ratio: the fraction. Latency: microseconds. Silence: seconds without a matching hit.</param>
/// <param name="Matching">Matching hits in the window (latency: those with a response time).</param>
/// <param name="All">All hits in the window.</param>
public readonly record struct RuleValue(double Value, long Matching, long All)
{
    /// <summary>CONTRACT.md "Rules": <c>hits = 5.10/s</c>, <c>ratio = 7.2% (72 of 1000)</c>, <c>p95 = 312ms</c>,
    /// <c>no hits for 10m0s</c>.</summary>
    public string Text(AlertRule rule) => rule.Kind switch
    {
        RuleKind.Rate => $"hits = {NumberText.TwoDecimals(Value)}/s",
        RuleKind.Ratio => string.Create(CultureInfo.InvariantCulture,
            $"ratio = {(Value * 100).ToString("0.0", CultureInfo.InvariantCulture)}% ({Matching} of {All})"),
        RuleKind.Latency => $"p{NumberText.Shortest(rule.Percentile)} = {Latency(Value)}",
        _ => $"no hits for {TimeFormat.Duration((long)Value)}",
    };

    /// <summary>The value in the units metrics use: hits/s, a fraction, seconds (latency and silence).</summary>
    public static double InMetricUnits(AlertRule rule, RuleValue value) =>
        rule.Kind == RuleKind.Latency ? value.Value / 1_000_000 : value.Value;

    /// <summary>The rule's threshold in the same units as <see cref="InMetricUnits"/>.</summary>
    public static double ThresholdInMetricUnits(AlertRule rule) =>
        rule.Kind == RuleKind.Latency ? rule.Threshold / 1_000_000 : rule.Threshold;

    /// <summary>A latency as rules write it: <c>312ms</c>, <c>1.2s</c>, <c>850µs</c>.</summary>
    public static string Latency(double micros) => NumberText.Micros(micros).Replace(" ", "", StringComparison.Ordinal);
}

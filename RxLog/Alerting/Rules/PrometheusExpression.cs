using System.Globalization;
using System.Text;
using RxLog.Aggregation;

namespace RxLog.Alerting.Rules;

/// <summary>A rule as a PromQL expression over the <c>rxlog_*</c> metrics every <c>rxlog --listen</c> serves, summed
/// across instances (docs/prometheus.md), or why it cannot be one: the metrics count status classes, sections (up to
/// <c>--metrics-sections</c>) and response times, never clients, sources or codes, and no family crosses a section
/// with a status.</summary>
public static class PrometheusExpression
{
    private const string Requests = "rxlog_requests_total";
    private const string SectionRequests = "rxlog_section_requests_total";
    private const string Durations = "rxlog_request_duration_seconds";

    /// <summary>The expression that holds while the rule's raise condition holds (as rxlog, strictly above or below
    /// the threshold); false with a reason, in words for a comment, when the metrics cannot say it.</summary>
    public static bool TryOf(AlertRule rule, out string expression, out string whyNot)
    {
        expression = "";
        whyNot = WhyNot(rule) ?? "";
        if (whyNot.Length > 0) return false;
        string w = Duration(rule.WindowSeconds);
        string matching = Selector(rule.Scope);
        expression = rule.Kind switch
        {
            RuleKind.Rate => $"sum(rate({matching}[{w}])) > {Number(rule.Threshold)}",
            RuleKind.Ratio => $"sum(rate({matching}[{w}])) / sum(rate({Requests}[{w}])) > {Number(rule.Threshold)}"
                              + MinHits(rule, $"sum(increase({Requests}[{w}]))"),
            RuleKind.Latency => $"histogram_quantile({Number((decimal)rule.Percentile / 100m)}, sum by (le) (rate({Durations}_bucket[{w}]))) "
                                + $"> {Number((decimal)rule.Threshold / 1_000_000m)}"
                                + MinHits(rule, $"sum(increase({Durations}_count[{w}]))"),
            // A section's series exists only once a host has counted it: until then the sum is empty, not 0, and a
            // silence on a section never seen would never fire (rxlog's does, from first + D). "or 0 * all requests D
            // ago" gives 0 then, once rxlog has been scraped for D, as rxlog decides only from first + D.
            _ => rule.Scope.Section is null
                ? $"sum(increase({matching}[{w}])) == 0"
                : $"(sum(increase({matching}[{w}])) or 0 * sum({Requests} offset {w})) == 0",
        };
        return true;
    }

    /// <summary>A Prometheus duration: <c>30s</c>, <c>2m</c>, <c>1m30s</c>, <c>1h</c>.</summary>
    public static string Duration(int seconds)
    {
        if (seconds == 0) return "0s";
        var text = new StringBuilder();
        if (seconds >= 3600) text.Append(CultureInfo.InvariantCulture, $"{seconds / 3600}h");
        if (seconds % 3600 >= 60) text.Append(CultureInfo.InvariantCulture, $"{seconds % 3600 / 60}m");
        if (seconds % 60 > 0) text.Append(CultureInfo.InvariantCulture, $"{seconds % 60}s");
        return text.ToString();
    }

    /// <summary>A glob as an RE2 pattern (Prometheus anchors it at both ends): <c>*</c> any run, <c>?</c> one code
    /// point (RE2's <c>.</c> is one), everything else literal.</summary>
    public static string GlobRegex(string glob)
    {
        var regex = new StringBuilder(glob.Length + 8);
        foreach (char c in glob)
        {
            if (c == '*') regex.Append(".*");
            else if (c == '?') regex.Append('.');
            else
            {
                if (@"\.+()|[]{}^$".Contains(c)) regex.Append('\\');
                regex.Append(c);
            }
        }
        return regex.ToString();
    }

    /// <summary>A PromQL string literal: double quotes, with backslash, quote and control characters escaped.</summary>
    public static string Quoted(string text)
    {
        var quoted = new StringBuilder(text.Length + 2).Append('"');
        foreach (char c in text)
        {
            switch (c)
            {
                case '\\': quoted.Append(@"\\"); break;
                case '"': quoted.Append("\\\""); break;
                case '\n': quoted.Append(@"\n"); break;
                case '\r': quoted.Append(@"\r"); break;
                case '\t': quoted.Append(@"\t"); break;
                default:
                    if (char.IsControl(c)) quoted.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
                    else quoted.Append(c);
                    break;
            }
        }
        return quoted.Append('"').ToString();
    }

    private static string? WhyNot(AlertRule rule)
    {
        var scope = rule.Scope;
        if (scope.Client is not null) return "a client scope: rxlog's metrics have no per-client series";
        if (scope.Source is not null)
            return "a source scope: rxlog's metrics have no per-source series; with one rxlog per host, its instance label says which host";
        if (rule.Kind == RuleKind.Latency && !scope.IsAll)
            return $"a scoped latency rule: {Durations} has no section or status label";
        if (scope.Section is not null && scope.Status is not null)
            return $"a section and a status together: {SectionRequests} has no status label";
        if (scope.Status is { IsClass: false } code)
            return $"status {code} is a code: {Requests} counts status classes only";
        if (scope.Status is { Value: 1 })
            return $"status 1xx: {Requests} counts it in status_class=\"other\", with records that have no status";
        return null;
    }

    private static string Selector(RuleScope scope)
    {
        if (scope.Section is { } section)
            return Glob.IsGlob(section)
                ? $"{SectionRequests}{{section=~{Quoted(GlobRegex(section))}}}"
                : $"{SectionRequests}{{section={Quoted(section)}}}";
        return scope.Status is { } status ? $"{Requests}{{status_class=\"{status}\"}}" : Requests;
    }

    // rxlog decides nothing below min_hits; "and" makes the expression empty there. At 1 the division or the quantile
    // already is (NaN compares false), so the clause is left out.
    private static string MinHits(AlertRule rule, string hits) =>
        rule.MinHits > 1 ? $" and {hits} >= {rule.MinHits.ToString(CultureInfo.InvariantCulture)}" : "";

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    // Decimal, so 99.9 / 100 is 0.999 and 250000 µs / 10⁶ is 0.25, as written, not a binary neighbour.
    private static string Number(decimal value) => (value / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);
}

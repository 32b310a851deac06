using System.Globalization;
using System.Text;

namespace RxLog.Alerting.Rules;

/// <summary>Writes rules as a Prometheus alerting-rules file (one group, <c>rxlog</c>), each expression from
/// <see cref="PrometheusExpression"/>; a rule the metrics cannot express becomes a <c># not expressible:</c> comment.
/// The YAML is written by hand: every string is a double-quoted scalar, escaped, and label and annotation text is
/// also kept from Prometheus's templating (a section or a label may hold <c>{{</c>).</summary>
public static class PrometheusRules
{
    /// <summary>Writes the file for <paramref name="rules"/> (the built-in rule first, flagged, unless it is off).</summary>
    /// <returns>The rules left out and why, in order.</returns>
    public static IReadOnlyList<(string Rule, string Reason)> Write(IReadOnlyList<(AlertRule Rule, bool BuiltIn)> rules, TextWriter output)
    {
        var skipped = new List<(string, string)>();
        var text = new StringBuilder();
        text.Append("# Prometheus alerting rules written by `rxlog rules prometheus` (docs/prometheus.md): each expression sums\n")
            .Append("# the rxlog_* metrics of every host whose rxlog serves them with --listen.\n")
            .Append("groups:\n  - name: rxlog\n");
        bool any = false;
        var body = new StringBuilder();
        foreach (var (rule, builtIn) in rules)
        {
            if (!PrometheusExpression.TryOf(rule, out string expression, out string whyNot))
            {
                body.Append(CultureInfo.InvariantCulture, $"      # not expressible: {rule.Name}: {whyNot}\n");
                skipped.Add((rule.Name, whyNot));
                continue;
            }
            any = true;
            body.Append(CultureInfo.InvariantCulture, $"      - alert: {rule.Name}\n")
                .Append(CultureInfo.InvariantCulture, $"        expr: {Quoted(expression)}\n");
            if (rule.ForSeconds > 0)
                body.Append(CultureInfo.InvariantCulture, $"        for: {PrometheusExpression.Duration(rule.ForSeconds)}\n");
            if (rule.LabelList.Count > 0)
            {
                body.Append("        labels:\n");
                foreach (var (name, value) in rule.LabelList)
                    body.Append(CultureInfo.InvariantCulture, $"          {name}: {Quoted(Literal(value))}\n");
            }
            body.Append("        annotations:\n");
            if (rule.Summary is { } summary)
                body.Append(CultureInfo.InvariantCulture, $"          summary: {Quoted(Literal(summary))}\n");
            body.Append(CultureInfo.InvariantCulture, $"          description: {Quoted(Literal(Description(rule, builtIn)))}\n");
        }
        // A group whose rules are all comments would say "rules:" with nothing: null, not a list.
        text.Append(any ? "    rules:\n" : "    rules: []\n").Append(body);
        output.Write(text.ToString());
        return skipped;
    }

    private static string Description(AlertRule rule, bool builtIn)
    {
        string how = rule.Kind == RuleKind.Silence
            ? "Prometheus sees it through increase() over scraped counters, which approximates rxlog's exact window."
            : "Prometheus sees it through rate() over scraped counters, which approximates rxlog's exact window.";
        if (rule.Kind == RuleKind.Latency)
            how += " histogram_quantile() interpolates within the histogram's buckets, where rxlog takes the exact nearest rank.";
        if (rule.Scope.Section is not null)
            how += " Sections past a host's --metrics-sections (default 100) count there as section=\"other\", unseen by this rule.";
        return $"rxlog rule {RuleDescription.Of(rule, builtIn)}. {how}";
    }

    // Prometheus expands labels and annotations as Go templates: "{{" opens an action. The action {{"{{"}} writes it
    // literally, so text from the rules file means what it says.
    private static string Literal(string text) => text.Replace("{{", "{{\"{{\"}}", StringComparison.Ordinal);

    /// <summary>A YAML double-quoted scalar: backslash and quote escaped, and every character YAML does not take
    /// printed (controls, line and paragraph separators, a lone surrogate) as an escape.</summary>
    public static string Quoted(string text)
    {
        var quoted = new StringBuilder(text.Length + 2).Append('"');
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '\\') quoted.Append(@"\\");
            else if (c == '"') quoted.Append("\\\"");
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                quoted.Append(c).Append(text[++i]);
            else if (char.IsSurrogate(c)) quoted.Append(@"\ufffd"); // lone: no character to write
            else if (char.IsControl(c) || c is '\u2028' or '\u2029' or '\ufeff' or '\ufffe' or '\uffff')
                quoted.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            else quoted.Append(c);
        }
        return quoted.Append('"').ToString();
    }
}

using RxLog.Rendering;

namespace RxLog.Alerting.Rules;

/// <summary>What a rule means, in words, for <c>rxlog rules check</c>. Text from the file is sanitised: a section or a
/// label may hold anything.</summary>
public static class RuleDescription
{
    /// <summary><c>api_hot: alert when hits to section /api average more than 5/s over 1m0s</c>.</summary>
    public static string Of(AlertRule rule, bool builtIn = false)
    {
        string name = rule.Name + (builtIn ? " (built-in)" : "");
        string scope = TerminalText.Sanitize(rule.Scope.Describe());
        string window = TimeFormat.Duration(rule.WindowSeconds);
        string what = rule.Kind switch
        {
            RuleKind.Rate => $"hits to {(rule.Scope.IsAll ? "the site" : scope)} average more than {NumberText.Shortest(rule.Threshold)}/s over {window}",
            RuleKind.Ratio => $"more than {NumberText.Shortest(rule.Threshold * 100)}% of hits are {scope}, over {window}"
                              + MinHits(rule, "hits"),
            RuleKind.Latency => $"the p{NumberText.Shortest(rule.Percentile)} response time of {(rule.Scope.IsAll ? "every hit" : scope)} "
                                + $"is above {RuleValue.Latency(rule.Threshold)} over {window}" + MinHits(rule, "timed hits"),
            _ => $"{(rule.Scope.IsAll ? "the site" : scope)} has had no hit for {window}",
        };
        string held = rule.ForSeconds > 0 ? $", held for {TimeFormat.Duration(rule.ForSeconds)}" : "";
        string labels = rule.LabelList.Count > 0
            ? "; labels " + string.Join(" ", rule.LabelList.Select(l => TerminalText.Sanitize(l.Key + "=" + l.Value)))
            : "";
        return $"{name}: alert when {what}{held}{labels}";
    }

    private static string MinHits(AlertRule rule, string what) =>
        rule.MinHits > 1 ? $", once the window holds at least {rule.MinHits} {what}" : "";
}

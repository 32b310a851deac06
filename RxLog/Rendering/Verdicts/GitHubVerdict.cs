using System.Text;

namespace RxLog.Rendering.Verdicts;

/// <summary>The verdict as GitHub Actions shows it: workflow commands (an <c>::error</c> annotation per alert, a
/// <c>::notice</c> for the summary) and a short Markdown step summary.</summary>
/// <remarks>Workflow commands are read from stderr as well as stdout; rxlog writes them to stderr, so <c>--json</c>
/// output stays pure NDJSON. Text in them is escaped as the runner expects (<c>%</c>, CR, LF; and <c>:</c> <c>,</c>
/// in properties), after the terminal sanitising every log text gets.</remarks>
public static class GitHubVerdict
{
    /// <summary>One line per alert (<c>::error</c>) and per recovery (<c>::notice</c>), then one <c>::notice</c> for
    /// the summary.</summary>
    public static void WriteAnnotations(TextWriter output, CheckVerdict verdict)
    {
        string input = TerminalText.Sanitize(verdict.Input);
        // In time order, as the run printed them (rules in file order at one instant: OrderBy is stable).
        foreach (var entry in verdict.Rules.SelectMany(r => r.Entries).OrderBy(e => e.Time))
        {
            string level = entry.Raised ? "error" : "notice";
            string title = entry.Raised ? $"rxlog: {entry.Rule} alert" : $"rxlog: {entry.Rule} recovered";
            output.WriteLine($"::{level} title={Property(title)}::{Data(input + ": " + entry.Line)}");
        }
        output.WriteLine($"::notice title={Property("rxlog check " + input)}::{Data(SummaryText(verdict))}");
    }

    /// <summary>Markdown for <c>$GITHUB_STEP_SUMMARY</c>: a heading with the outcome and one table row per rule.</summary>
    public static string StepSummary(CheckVerdict verdict)
    {
        var md = new StringBuilder();
        string input = Cell(verdict.Input);
        md.Append("### rxlog check `").Append(input.Replace("`", "'", StringComparison.Ordinal)).Append("`: ")
            .Append(verdict.Failed == 0 ? "no alert" : $"{verdict.Failed} rule{(verdict.Failed == 1 ? "" : "s")} fired").Append("\n\n");
        md.Append(SummaryText(verdict)).Append("\n\n");
        md.Append("| rule | alerts | at the end | first alert |\n|---|---|---|---|\n");
        foreach (var rule in verdict.Rules)
        {
            var first = rule.Entries.FirstOrDefault(e => e.Raised);
            md.Append("| ").Append(rule.Rule).Append(" | ").Append(rule.Alerts).Append(" | ")
                .Append(rule.StillAlerting ? "alerting" : "ok").Append(" | ")
                .Append(first is null ? "" : TimeFormat.Iso(first.Time)).Append(" |\n");
        }
        return md.ToString();
    }

    private static string SummaryText(CheckVerdict verdict)
    {
        var s = verdict.Summary;
        return $"{s.Hits} hits, {s.Invalid} invalid, {s.Alerts} alert{(s.Alerts == 1 ? "" : "s")}"
               + (s.Alerting ? ", still alerting at the end" : "");
    }

    private static string Data(string text) =>
        TerminalText.Sanitize(text).Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal)
            .Replace("\n", "%0A", StringComparison.Ordinal);

    private static string Property(string text) =>
        Data(text).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);

    private static string Cell(string text) => TerminalText.Sanitize(text).Replace("|", "\\|", StringComparison.Ordinal);
}

using System.Text;
using RxLog.Aggregation;
using RxLog.Alerting;
using RxLog.Alerting.Rules;
using RxLog.Pipeline;

namespace RxLog.Rendering;

/// <summary>The lines the plain view prints for each event (Rendering stage); pure, so other views can reuse the
/// alert texts and tests can assert exact lines. Log text in them is already sanitised.</summary>
public static class PlainTextFormat
{
    private const string Sep = " · ";

    /// <summary><c>High traffic generated an alert - hits = 12.53, triggered at 2026-01-01T10:03:41+00:00</c>.</summary>
    public static string Alert(AlertRaised alert, DisplayZone? zone = null) =>
        $"High traffic generated an alert - hits = {NumberText.TwoDecimals(alert.Average)}, triggered at {Iso(alert.Time, zone)}";

    /// <summary><c>High traffic alert recovered - hits = 9.98, recovered at 2026-01-01T10:07:21+00:00, after 3m40s</c>.</summary>
    public static string Recovery(AlertRecovered recovery, DisplayZone? zone = null) =>
        $"High traffic alert recovered - hits = {NumberText.TwoDecimals(recovery.Average)}, "
        + $"recovered at {Iso(recovery.Time, zone)}, after {TimeFormat.Duration(recovery.DurationSeconds)}";

    /// <summary><c>api_hot generated an alert - hits = 5.10/s, triggered at 2026-01-01T10:03:41+00:00</c>
    /// (CONTRACT.md "Rules"). Rule names are <c>[a-z0-9_]+</c>: nothing in them to sanitise.</summary>
    public static string RuleAlert(RuleRaised alert, DisplayZone? zone = null) =>
        $"{alert.Rule.Name} generated an alert - {alert.Value.Text(alert.Rule)}, triggered at {Iso(alert.Time, zone)}";

    /// <summary><c>api_hot alert recovered - hits = 4.90/s, recovered at 2026-01-01T10:07:21+00:00, after 3m40s</c>.</summary>
    public static string RuleRecovery(RuleRecovered recovery, DisplayZone? zone = null) =>
        $"{recovery.Rule.Name} alert recovered - {recovery.Value.Text(recovery.Rule)}, "
        + $"recovered at {Iso(recovery.Time, zone)}, after {TimeFormat.Duration(recovery.DurationSeconds)}";

    /// <summary>The one line of an alert or recovery of any rule, as the plain output prints it; null for any other event.</summary>
    public static string? AlertLine(MonitorEvent monitorEvent, DisplayZone? zone = null) => monitorEvent switch
    {
        AlertRaised alert => Alert(alert, zone),
        AlertRecovered recovery => Recovery(recovery, zone),
        RuleRaised alert => RuleAlert(alert, zone),
        RuleRecovered recovery => RuleRecovery(recovery, zone),
        _ => null,
    };

    /// <summary>Three lines: range, hits, rate and alert state; status mix, bytes, invalid; top sections. A fourth,
    /// <see cref="ResponseTime"/>, when hits of the interval carried a response time.</summary>
    /// <param name="threshold">The alert threshold, shown beside the average when known.</param>
    public static IReadOnlyList<string> Report(TrafficReport report, double? threshold = null, DisplayZone? zone = null)
    {
        DateTimeOffset start = Convert(report.Start, zone), end = Convert(report.End, zone);
        double seconds = (report.End - report.Start).TotalSeconds;
        var head = new StringBuilder(96)
            .Append('[').Append(TimeFormat.Range(start, end)).Append("] hits ").Append(NumberText.Integer(report.Hits));
        if (seconds > 0)
        {
            head.Append(Sep).Append(NumberText.TwoDecimals(report.Hits / seconds)).Append("/s");
        }

        head.Append(Sep).Append(AlertState(report.Average, report.Alerting, threshold));

        StatusMix s = report.Status;
        var mix = new StringBuilder(96)
            .Append("  2xx ").Append(NumberText.Integer(s.S2xx))
            .Append(Sep).Append("3xx ").Append(NumberText.Integer(s.S3xx))
            .Append(Sep).Append("4xx ").Append(NumberText.Integer(s.S4xx))
            .Append(Sep).Append("5xx ").Append(NumberText.Integer(s.S5xx));
        if (s.Other != 0)
        {
            mix.Append(Sep).Append("other ").Append(NumberText.Integer(s.Other));
        }

        mix.Append(Sep).Append(NumberText.Bytes(report.Bytes)).Append(" sent")
            .Append(Sep).Append("invalid ").Append(NumberText.Integer(report.Invalid));

        var top = new StringBuilder(128).Append("  top ");
        if (report.Sections.Count == 0)
        {
            top.Append("(none)");
        }

        for (int i = 0; i < report.Sections.Count; i++)
        {
            SectionCount section = report.Sections[i];
            top.Append(i == 0 ? "" : Sep).Append(TerminalText.Sanitize(section.Section)).Append(' ')
                .Append(NumberText.Integer(section.Hits));
        }

        if (report.Approximate)
        {
            top.Append(" (approximate)");
        }

        var lines = new List<string>(5) { head.ToString(), mix.ToString(), top.ToString() };
        if (report.Clients is { } clients) lines.Add(Clients(clients, report.ClientsApproximate));
        if (report.Hosts is { } hosts) lines.Add(Hosts(hosts));
        if (report.ResponseTime is { } times) lines.Add(ResponseTime(times, report.Hits));
        if (report.AlertingRules is { Count: > 0 } alerting) lines.Add("  rules alerting: " + string.Join(Sep, alerting));
        return lines;
    }

    /// <summary><c>  clients 203.0.113.9 120 (1.2 MiB) · 198.51.100.7 40 (96.0 KiB)</c>: hits, then bytes sent to it.</summary>
    public static string Clients(IReadOnlyList<ClientCount> clients, bool approximate)
    {
        var line = new StringBuilder(128).Append("  clients ");
        if (clients.Count == 0) line.Append("(none)");
        for (int i = 0; i < clients.Count; i++)
        {
            ClientCount client = clients[i];
            line.Append(i == 0 ? "" : Sep).Append(TerminalText.Sanitize(client.Client)).Append(' ')
                .Append(NumberText.Integer(client.Hits)).Append(" (").Append(NumberText.Bytes(client.Bytes)).Append(')');
        }

        if (approximate) line.Append(" (approximate)");
        return line.ToString();
    }

    /// <summary><c>  hosts web1 1,204 · web2 980 · 10.0.0.7 12</c>: hits of each receiving host, the busiest first.</summary>
    public static string Hosts(IReadOnlyList<SourceCount> hosts)
    {
        var line = new StringBuilder(96).Append("  hosts ");
        if (hosts.Count == 0) line.Append("(none)");
        for (int i = 0; i < hosts.Count; i++)
            line.Append(i == 0 ? "" : Sep).Append(TerminalText.Sanitize(hosts[i].Source)).Append(' ')
                .Append(NumberText.Integer(hosts[i].Hits));
        return line.ToString();
    }

    /// <summary><c>  response time avg 123 ms · p50 98 ms · p95 310 ms · p99 1.2 s (1230 of 1250 hits)</c>: times as
    /// <see cref="NumberText.Micros"/> writes them; a percentile at the histogram's top reads <c>≥ 4290 s</c>.</summary>
    /// <param name="hits">All hits of the interval or run, timed or not.</param>
    public static string ResponseTime(ResponseTimeStats times, long hits) =>
        new StringBuilder(96).Append("  response time avg ").Append(NumberText.Micros(times.AverageMicros))
            .Append(Sep).Append("p50 ").Append(Percentile(times.P50Micros))
            .Append(Sep).Append("p95 ").Append(Percentile(times.P95Micros))
            .Append(Sep).Append("p99 ").Append(Percentile(times.P99Micros))
            .Append(" (").Append(NumberText.Integer(times.Count)).Append(" of ").Append(NumberText.Integer(hits))
            .Append(" hits)")
            .ToString();

    /// <summary>The <see cref="Summary"/> line, then a <see cref="ResponseTime"/> line when hits of the run carried a
    /// response time.</summary>
    public static IReadOnlyList<string> SummaryLines(RunSummary summary, DisplayZone? zone = null)
    {
        var lines = new List<string> { Summary(summary, zone) };
        if (summary.Rules is { } rules)
            lines.Add("  alerts by rule: " + string.Join(Sep, rules.Select(static r =>
                r.Rule + " " + NumberText.Integer(r.Alerts) + (r.Alerting ? " (alerting)" : ""))));
        if (summary.ResponseTime is { } times) lines.Add(ResponseTime(times, summary.Hits));
        if (summary.Rejects is { } rejects)
            lines.Add($"  {NumberText.Integer(rejects.Count)} invalid line(s) written to {TerminalText.Sanitize(rejects.Path)}");
        return lines;
    }

    /// <summary><c>Summary: 2026-01-01 10:00:00 → 10:15:00 +00:00 (15m0s) · hits 12345 · invalid 3 · alerts 1 · not alerting</c>;
    /// <c>Summary: no records · …</c> when none was read.</summary>
    public static string Summary(RunSummary summary, DisplayZone? zone = null)
    {
        var line = new StringBuilder(128).Append("Summary: ");
        if (summary.Start is { } start && summary.End is { } end)
        {
            line.Append(TimeFormat.Range(Convert(start, zone), Convert(end, zone)))
                .Append(" (").Append(TimeFormat.Duration(end - start)).Append(')');
        }
        else
        {
            line.Append("no records");
        }

        return line.Append(Sep).Append("hits ").Append(NumberText.Integer(summary.Hits))
            .Append(Sep).Append("invalid ").Append(NumberText.Integer(summary.Invalid))
            .Append(Sep).Append("alerts ").Append(NumberText.Integer(summary.Alerts))
            .Append(Sep).Append(summary.Alerting ? "still alerting" : "not alerting")
            .ToString();
    }

    // "avg 12.53/s > 10 ALERT", "avg 3.20/s < 10 ok"; the sign compares the exact values, not the rounded text.
    private static string AlertState(double average, bool alerting, double? threshold)
    {
        string state = alerting ? "ALERT" : "ok";
        string avg = "avg " + NumberText.TwoDecimals(average) + "/s";
        if (threshold is not { } t)
        {
            return avg + " " + state;
        }

        string sign = average > t ? ">" : average < t ? "<" : "=";
        return $"{avg} {sign} {NumberText.Shortest(t)} {state}";
    }

    private static string Percentile(long micros) =>
        micros >= ResponseTimeHistogram.TopMicros ? "≥ " + NumberText.Micros(micros) : NumberText.Micros(micros);

    private static string Iso(DateTimeOffset time, DisplayZone? zone) => TimeFormat.Iso(Convert(time, zone));

    private static DateTimeOffset Convert(DateTimeOffset time, DisplayZone? zone) => zone?.Convert(time) ?? time;
}

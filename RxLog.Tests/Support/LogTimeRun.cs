using System.Reactive.Concurrency;
using System.Reactive.Linq;
using RxLog.Aggregation;
using RxLog.Alerting;
using RxLog.Alerting.Rules;
using RxLog.Parsing;
using RxLog.Pipeline;

namespace RxLog.Tests.Support;

/// <summary>Runs lines through <c>check</c>'s log-time pipeline and renders each event as one short line,
/// stamped with the virtual time it was emitted at, so a test asserts the whole run at once.</summary>
public static class LogTimeRun
{
    /// <summary>Each line in a batch of its own, as if every line were a chunk.</summary>
    public static List<string> Events(MonitorSettings settings, IEnumerable<ParsedLine> lines) =>
        Events(settings, lines.Select(line => ParsedBatch.Of(line)));

    /// <summary>All lines in one batch, as a big chunk would bring them.</summary>
    public static List<string> EventsInOneBatch(MonitorSettings settings, IEnumerable<ParsedLine> lines)
    {
        var all = lines.ToArray();
        return Events(settings, new[] { new ParsedBatch(all, 0, all.Length) });
    }

    public static List<string> Events(MonitorSettings settings, IEnumerable<ParsedBatch> batches)
    {
        var scheduler = new HistoricalScheduler();
        var recorder = new Recorder<MonitorEvent>(scheduler);
        using (MonitorPipeline.InLogTime(batches.ToObservable(ImmediateScheduler.Instance), settings, scheduler).Subscribe(recorder))
        {
            Assert.Null(recorder.Error);
            Assert.NotNull(recorder.CompletedAt);
        }
        return recorder.Values.Select(v => $"@{Offset(v.At)} {Describe(v.Value)}").ToList();
    }

    public static string Describe(MonitorEvent e) => e switch
    {
        AlertRaised a => $"alert {Offset(a.Time)} hits={a.WindowHits} avg={a.Average:0.####}",
        AlertRecovered r => $"recovered {Offset(r.Time)} hits={r.WindowHits} avg={r.Average:0.####} after={r.DurationSeconds}",
        TrafficReport r => $"report {Offset(r.Start)}..{Offset(r.End)} hits={r.Hits} invalid={r.Invalid} avg={r.Average:0.####}"
                           + $" alerting={r.Alerting}" + (r.Sections.Count > 0 ? " " + string.Join(",", r.Sections.Select(s => $"{s.Section}:{s.Hits}")) : "")
                           + Describe(r.ResponseTime),
        RunSummary s => $"summary {Offset(s.Start)}..{Offset(s.End)} hits={s.Hits} invalid={s.Invalid} alerts={s.Alerts} alerting={s.Alerting}"
                        + Describe(s.ResponseTime),
        RuleRaised a => $"rule {a.Rule.Name} alert {Offset(a.Time)} {a.Value.Text(a.Rule)}",
        RuleRecovered r => $"rule {r.Rule.Name} recovered {Offset(r.Time)} {r.Value.Text(r.Rule)} after={r.DurationSeconds}",
        _ => e.ToString(),
    };

    // Nothing when no hit carried a response time, so runs without them read as they always did.
    private static string Describe(ResponseTimeStats? t) =>
        t is null ? "" : $" times={t.Count} avg={t.AverageMicros:0.####}µs p50={t.P50Micros} p95={t.P95Micros} p99={t.P99Micros}";

    private static string Offset(DateTimeOffset? t) => t is { } v ? ((long)(v - Records.T0).TotalSeconds).ToString() : "-";
}

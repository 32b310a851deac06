using System.Globalization;
using System.Reactive.Concurrency;
using System.Reactive.Linq;
using RxLog.Parsing;
using RxLog.Pipeline;
using RxLog.Rendering.Metrics;
using RxLog.Tests.Parsing;

namespace RxLog.Tests.Rendering.Metrics;

/// <summary>A scrape after a whole real log agrees with the log: requests by status class sum to its records,
/// sections to its records with a section, the histogram counts its response times, alerts equal the summary's.</summary>
public class MetricsFromRealLogsTests
{
    [Theory]
    [InlineData("elastic_apache_logs/apache_logs.gz", 1.0)]
    [InlineData("iis_webknowit_2015_2016/u_ex160110_W3SVC1.log", 0.01)]
    [InlineData("nasa_ksc_aug95_head/NASA_access_log_Aug95_head", 0.5)]
    public void A_scrape_after_the_run_counts_every_record_of_the_log(string log, double threshold)
    {
        var lines = SharedData.ParseAll(log);
        var records = lines.Where(l => l.Kind == LineKind.Record).Select(l => l.Record).ToList();
        var store = new MetricsStore(sectionLabels: 100, rules: ["high_traffic"]);
        var scheduler = new HistoricalScheduler();
        var settings = new MonitorSettings(Threshold: threshold, Metrics: true);

        var summary = MonitorPipeline.InLogTime(lines.Chunk(500).Select(c => new ParsedBatch(c, 0, c.Length)).ToObservable(), settings, scheduler)
            .Do(store.OnEvent).OfType<RunSummary>().Wait();

        var samples = store.Exposition().Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => (Name: l[..l.LastIndexOf(' ')], Value: double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture)))
            .ToList();
        double Sum(string prefix) => samples.Where(s => s.Name.StartsWith(prefix, StringComparison.Ordinal)).Sum(s => s.Value);
        Assert.Equal(records.Count, Sum("rxlog_requests_total{"));
        Assert.Equal(summary.Hits, Sum("rxlog_requests_total{"));
        Assert.Equal(records.Count(r => r.Section is not null), Sum("rxlog_section_requests_total{"));
        Assert.Equal(lines.Count(l => l.Kind == LineKind.Invalid), Sum("rxlog_invalid_lines_total"));
        Assert.Equal(records.Sum(r => r.Bytes), Sum("rxlog_response_bytes_total"));
        Assert.Equal(summary.Alerts, Sum("rxlog_alerts_total{rule=\"high_traffic\"}"));
        Assert.True(summary.Alerts > 0, "the threshold should make the log raise an alert");
        Assert.Equal(records.Count(r => r.HasDuration), Sum("rxlog_request_duration_seconds_count"));
    }
}

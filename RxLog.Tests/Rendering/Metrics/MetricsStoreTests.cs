using RxLog.Notifying;
using RxLog.Aggregation;
using RxLog.Alerting;
using RxLog.Rendering.Metrics;
using RxLog.Tests.Rendering;

namespace RxLog.Tests.Rendering.Metrics;

/// <summary>What a scrape of <c>/metrics</c> shows: counters from the reports that never go down, section labels
/// bounded, alert state per rule, and text that Prometheus's parser takes whatever the log held.</summary>
public class MetricsStoreTests
{
    private static TrafficReport Report(StatusMix status, long bytes, long invalid, SectionCount[] sections,
        long[]? buckets = null, long durations = 0, double sum = 0, params RuleValueAt[] rules) =>
        Events.Report(sections, status: status, invalid: invalid) with
        {
            Bytes = bytes,
            Metrics = new ReportMetrics(sections, buckets, durations, sum, rules),
        };

    private static string[] Samples(MetricsStore store) =>
        store.Exposition().Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#')).ToArray();

    [Fact]
    public void A_scrape_sums_every_report_so_far_by_family_with_help_and_type_once_each()
    {
        var store = new MetricsStore(sectionLabels: 100, rules: ["high_traffic"]);
        store.OnEvent(Report(new StatusMix(10, 2, 3, 1, 0), 5000, 1, [new("/api", 12), new("/", 4)],
            rules: new RuleValueAt("high_traffic", 0.5)));
        store.OnEvent(Report(new StatusMix(5, 0, 0, 0, 1), 700, 0, [new("/api", 6)],
            rules: new RuleValueAt("high_traffic", 0.75)));

        string text = store.Exposition();

        Assert.EndsWith("\n", text);
        Assert.Equal(
        [
            $"rxlog_build_info{{version=\"{MetricsStore.Version}\"}} 1",
            "rxlog_run_finished 0",
            "rxlog_requests_total{status_class=\"2xx\"} 15",
            "rxlog_requests_total{status_class=\"3xx\"} 2",
            "rxlog_requests_total{status_class=\"4xx\"} 3",
            "rxlog_requests_total{status_class=\"5xx\"} 1",
            "rxlog_requests_total{status_class=\"other\"} 1",
            "rxlog_response_bytes_total 5700",
            "rxlog_invalid_lines_total 1",
            "rxlog_section_requests_total{section=\"/api\"} 18",
            "rxlog_section_requests_total{section=\"/\"} 4",
            "rxlog_alert_active{rule=\"high_traffic\"} 0",
            "rxlog_rule_value{rule=\"high_traffic\"} 0.75",
            "rxlog_alerts_total{rule=\"high_traffic\"} 0",
        ], Samples(store));
        var families = text.Split('\n').Where(l => l.StartsWith("# TYPE ")).Select(l => l.Split(' ')[2]).ToList();
        Assert.Equal(families.Distinct(), families);
        Assert.Equal(families.Count, text.Split('\n').Count(l => l.StartsWith("# HELP ")));
    }

    [Fact]
    public void Lines_read_are_listed_per_source_as_they_are_read_not_only_at_reports()
    {
        var lines = new SourceLines(labels: 1);
        var store = new MetricsStore(sectionLabels: 100, rules: [], lines);
        lines.Expect("-");
        lines.Add("-", 42);
        lines.Add("/var/log/b.log", 3);

        var samples = Samples(store).Where(s => s.StartsWith("rxlog_lines_read_total"));

        Assert.Equal(["rxlog_lines_read_total{source=\"-\"} 42", "rxlog_lines_read_total{source=\"other\"} 3"], samples);
    }

    [Fact]
    public void Each_notification_sink_has_its_delivered_failed_dropped_and_resent_counts_as_of_the_scrape()
    {
        long delivered = 2;
        var store = new MetricsStore(sectionLabels: 100, rules: [])
        {
            Notifications = () => [new SinkCounts("hook 'logger \"x\"'", delivered, 1, 0, 4)],
        };
        delivered = 3;

        var samples = Samples(store).Where(s => s.StartsWith("rxlog_notifications_total"));

        Assert.Equal([
            "rxlog_notifications_total{sink=\"hook 'logger \\\"x\\\"'\",result=\"delivered\"} 3",
            "rxlog_notifications_total{sink=\"hook 'logger \\\"x\\\"'\",result=\"failed\"} 1",
            "rxlog_notifications_total{sink=\"hook 'logger \\\"x\\\"'\",result=\"dropped\"} 0",
            "rxlog_notifications_total{sink=\"hook 'logger \\\"x\\\"'\",result=\"resent\"} 4",
        ], samples);
        Assert.DoesNotContain("rxlog_notifications_total", new MetricsStore(100, []).Exposition());
    }

    [Fact]
    public void Past_the_bound_new_sections_count_as_other_while_those_seen_first_keep_their_label()
    {
        var store = new MetricsStore(sectionLabels: 2, rules: []);
        store.OnEvent(Report(new StatusMix(4, 0, 0, 0, 0), 0, 0, [new("/a", 1), new("/b", 1), new("/c", 1), new("/d", 1)]));
        store.OnEvent(Report(new StatusMix(3, 0, 0, 0, 0), 0, 0, [new("/e", 1), new("/a", 2)]));

        Assert.Equal(
        [
            "rxlog_section_requests_total{section=\"/a\"} 3",
            "rxlog_section_requests_total{section=\"/b\"} 1",
            "rxlog_section_requests_total{section=\"other\"} 3",
        ], Samples(store).Where(s => s.StartsWith("rxlog_section_")));
    }

    [Fact]
    public void Hostile_section_names_are_escaped_as_the_format_says_and_stay_on_one_line()
    {
        var store = new MetricsStore(sectionLabels: 100, rules: []);
        string[] names = ["/a\"b", "/back\\slash", "/new\nline", "/lone\ud800surrogate", "/\u001b[2J", "/😀"];
        store.OnEvent(Report(new StatusMix(6, 0, 0, 0, 0), 0, 0, names.Select(n => new SectionCount(n, 1)).ToArray()));

        Assert.Equal(
        [
            "rxlog_section_requests_total{section=\"/a\\\"b\"} 1",
            "rxlog_section_requests_total{section=\"/back\\\\slash\"} 1",
            "rxlog_section_requests_total{section=\"/new\\nline\"} 1",
            "rxlog_section_requests_total{section=\"/lone\ufffdsurrogate\"} 1",
            "rxlog_section_requests_total{section=\"/\u001b[2J\"} 1",
            "rxlog_section_requests_total{section=\"/😀\"} 1",
        ], Samples(store).Where(s => s.StartsWith("rxlog_section_")));
    }

    [Fact]
    public void The_duration_histogram_is_cumulative_and_its_inf_bucket_is_its_count()
    {
        var store = new MetricsStore(sectionLabels: 100, rules: []);
        long[] first = [1, 2, 2, 3, 3, 3, 4, 4, 4, 4, 4];
        store.OnEvent(Report(new StatusMix(5, 0, 0, 0, 0), 0, 0, [], first, durations: 5, sum: 14.5));
        store.OnEvent(Report(new StatusMix(1, 0, 0, 0, 0), 0, 0, [], [0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1], durations: 1, sum: 0.75));

        var histogram = Samples(store).Where(s => s.StartsWith("rxlog_request_duration_seconds")).ToArray();

        Assert.Equal("rxlog_request_duration_seconds_bucket{le=\"0.005\"} 1", histogram[0]);
        Assert.Equal("rxlog_request_duration_seconds_bucket{le=\"1\"} 5", histogram[7]);
        Assert.Equal("rxlog_request_duration_seconds_bucket{le=\"10\"} 5", histogram[10]);
        Assert.Equal("rxlog_request_duration_seconds_bucket{le=\"+Inf\"} 6", histogram[11]);
        Assert.Equal("rxlog_request_duration_seconds_sum 15.25", histogram[12]);
        Assert.Equal("rxlog_request_duration_seconds_count 6", histogram[13]);
    }

    [Fact]
    public void No_response_times_no_histogram_family()
    {
        var store = new MetricsStore(sectionLabels: 100, rules: []);
        store.OnEvent(Report(new StatusMix(1, 0, 0, 0, 0), 0, 0, []));

        Assert.DoesNotContain("rxlog_request_duration_seconds", store.Exposition());
    }

    [Fact]
    public void An_alert_sets_its_rule_active_and_counts_once_and_its_recovery_clears_it()
    {
        var store = new MetricsStore(sectionLabels: 100, rules: ["high_traffic"]);
        store.OnEvent(Events.Alert());
        string[] during = Samples(store);
        store.OnEvent(Events.Recovery());
        store.OnEvent(Events.Alert());
        store.OnEvent(Events.Recovery());

        Assert.Contains("rxlog_alert_active{rule=\"high_traffic\"} 1", during);
        Assert.Contains("rxlog_alerts_total{rule=\"high_traffic\"} 1", during);
        Assert.Contains("rxlog_alert_active{rule=\"high_traffic\"} 0", Samples(store));
        Assert.Contains("rxlog_alerts_total{rule=\"high_traffic\"} 2", Samples(store));
    }
}

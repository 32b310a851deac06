using System.Reflection;
using System.Text;
using RxLog.Aggregation;
using RxLog.Alerting;
using RxLog.Alerting.Rules;
using RxLog.Pipeline;

namespace RxLog.Rendering.Metrics;

/// <summary>The metrics <c>--listen</c> serves on <c>/metrics</c>: counters and gauges kept from the run's events, as
/// another view of them (Rendering stage). Counters advance at each report (every <c>--interval</c>), so a scrape sees
/// whole intervals; they never go down.</summary>
/// <remarks>
/// <para>Section labels are bounded: the first <see cref="SectionLabels"/> sections seen get a label of their own,
/// every later one counts as <c>section="other"</c>, so a scan of a million URLs cannot blow up Prometheus.</para>
/// <para>Thread-safe: the pipeline's thread adds, scrapes read. A scrape holds the lock only while it writes the text
/// into memory, never while a client reads it, so the pipeline never waits for a client.</para>
/// </remarks>
public sealed class MetricsStore : IMonitorView
{
    /// <summary>The section label reused for every section past the bound.</summary>
    public const string OtherSection = "other";

    private static readonly string[] StatusClasses = ["2xx", "3xx", "4xx", "5xx", "other"];

    private readonly object _gate = new();
    private readonly long[] _requests = new long[5];
    private readonly BoundedCounts _sections;
    private readonly RuleStates _rules;
    private long _bytes, _invalid;
    private readonly long[] _durationBuckets = new long[ReportMetrics.DurationBoundsSeconds.Length];
    private long _durationCount;
    private double _durationSum;
    private bool _finished;
    private readonly SourceLines? _lines;

    /// <param name="sectionLabels">At most this many sections get a label of their own (<c>--metrics-sections</c>).</param>
    /// <param name="rules">The rules, built-in first (unless off), so their gauges exist from the first scrape.</param>
    /// <param name="lines">The lines read per source, counted as they are read; null: none counted.</param>
    public MetricsStore(int sectionLabels, IEnumerable<string> rules, SourceLines? lines = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sectionLabels);
        SectionLabels = sectionLabels;
        _sections = new BoundedCounts(sectionLabels, OtherSection);
        _lines = lines;
        _rules = new RuleStates(rules);
    }

    public int SectionLabels { get; }

    /// <summary>Each notification sink's counts (<c>--on-alert</c>), read at each scrape; null without one.</summary>
    public Func<IEnumerable<Notifying.SinkCounts>>? Notifications { get; set; }

    /// <summary><c>rxlog receive</c>: each UDP address with the datagrams the kernel dropped for it; null otherwise.</summary>
    public Func<IEnumerable<(string Address, long? Drops)>>? UdpDrops { get; set; }

    /// <summary>rxlog's version, as <c>rxlog --version</c> says it.</summary>
    public static string Version { get; } =
        typeof(MetricsStore).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            .Split('+')[0] ?? "unknown";

    public void OnEvent(MonitorEvent monitorEvent)
    {
        lock (_gate)
        {
            _rules.OnEvent(monitorEvent);
            switch (monitorEvent)
            {
                case TrafficReport report: Add(report); break;
                case RunSummary: _finished = true; break;
            }
        }
    }

    public void OnNotice(string message)
    {
    }

    private void Add(TrafficReport report)
    {
        _requests[0] += report.Status.S2xx;
        _requests[1] += report.Status.S3xx;
        _requests[2] += report.Status.S4xx;
        _requests[3] += report.Status.S5xx;
        _requests[4] += report.Status.Other;
        _bytes += report.Bytes;
        _invalid += report.Invalid;
        if (report.Metrics is not { } metrics) return;
        foreach (var section in metrics.Sections) _sections.Add(section.Section, section.Hits);
        if (metrics.DurationBuckets is { } buckets)
        {
            for (int i = 0; i < buckets.Length; i++) _durationBuckets[i] += buckets[i];
            _durationCount += metrics.DurationCount;
            _durationSum += metrics.DurationSumSeconds;
        }
    }

    /// <summary>Every family, in the text format (<see cref="PrometheusText"/>).</summary>
    public string Exposition()
    {
        var text = new StringBuilder(4096);
        var w = new PrometheusText(text);
        lock (_gate)
        {
            w.Family("rxlog_build_info", "gauge", "rxlog's version; always 1.");
            w.Sample("rxlog_build_info", "version", Version, 1);

            w.Family("rxlog_run_finished", "gauge", "1 once the input has ended (check: the replay is over, the counters final).");
            w.Sample("rxlog_run_finished", _finished ? 1 : 0);

            if (_lines is not null)
            {
                w.Family("rxlog_lines_read_total", "counter",
                    $"Lines read, blank ones included, by source (a file, - for stdin); past {_lines.Labels} sources, source=\"other\".");
                foreach (var (source, lines) in _lines.Snapshot()) w.Sample("rxlog_lines_read_total", "source", source, lines);
            }

            w.Family("rxlog_requests_total", "counter", "Requests read from the log (records), by status class.");
            for (int i = 0; i < StatusClasses.Length; i++) w.Sample("rxlog_requests_total", "status_class", StatusClasses[i], _requests[i]);

            w.Family("rxlog_response_bytes_total", "counter", "Response bytes the log's records say were sent.");
            w.Sample("rxlog_response_bytes_total", _bytes);

            w.Family("rxlog_invalid_lines_total", "counter", "Non-blank lines that are not records of the log's format.");
            w.Sample("rxlog_invalid_lines_total", _invalid);

            w.Family("rxlog_section_requests_total", "counter",
                $"Requests by section (the path up to its second slash); past {SectionLabels} sections, section=\"other\".");
            foreach (var (section, hits) in _sections.Snapshot()) w.Sample("rxlog_section_requests_total", "section", section, hits);

            if (_durationCount > 0)
            {
                w.Family("rxlog_request_duration_seconds", "histogram", "Response times the log's records carry.");
                var bounds = ReportMetrics.DurationBoundsSeconds;
                for (int i = 0; i < bounds.Length; i++)
                    w.Sample("rxlog_request_duration_seconds_bucket", "le", PrometheusText.Bound(bounds[i]), _durationBuckets[i]);
                w.Sample("rxlog_request_duration_seconds_bucket", "le", "+Inf", _durationCount);
                w.Sample("rxlog_request_duration_seconds_sum", _durationSum);
                w.Sample("rxlog_request_duration_seconds_count", _durationCount);
            }

            w.Family("rxlog_alert_active", "gauge", "1 while the rule's alert is active, else 0.");
            foreach (var rule in _rules.All) w.Sample("rxlog_alert_active", "rule", rule.Name, rule.Active ? 1 : 0);

            w.Family("rxlog_rule_value", "gauge",
                "What the rule measured at the last report: hits/s (rate), a fraction (ratio), seconds (latency, silence).");
            foreach (var rule in _rules.All)
                if (rule.Value is { } value) w.Sample("rxlog_rule_value", "rule", rule.Name, value);

            w.Family("rxlog_alerts_total", "counter", "Alerts the rule raised.");
            foreach (var rule in _rules.All) w.Sample("rxlog_alerts_total", "rule", rule.Name, rule.Alerts);

            if (Notifications?.Invoke() is { } sinks)
            {
                w.Family("rxlog_notifications_total", "counter",
                    "Alerts and recoveries sent to each sink, by result: delivered, failed, dropped; resent: an active "
                    + "alert sent again (Alertmanager, every minute while firing).");
                foreach (var (sink, delivered, failed, dropped, resent) in sinks)
                {
                    w.Sample("rxlog_notifications_total", "sink", sink, "result", "delivered", delivered);
                    w.Sample("rxlog_notifications_total", "sink", sink, "result", "failed", failed);
                    w.Sample("rxlog_notifications_total", "sink", sink, "result", "dropped", dropped);
                    w.Sample("rxlog_notifications_total", "sink", sink, "result", "resent", resent);
                }
            }

            if (UdpDrops?.Invoke() is { } addresses)
            {
                w.Family("rxlog_udp_drops_total", "counter",
                    "Datagrams the kernel dropped before rxlog could read them (its receive buffer was full), per UDP address.");
                foreach (var (address, drops) in addresses)
                    if (drops is { } dropped) w.Sample("rxlog_udp_drops_total", "address", address, dropped);
            }
        }
        return text.ToString();
    }
}

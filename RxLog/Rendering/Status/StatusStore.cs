using System.Globalization;
using System.Reactive.Concurrency;
using System.Text.Json;
using RxLog.Aggregation;
using RxLog.Alerting;
using RxLog.Alerting.Rules;
using RxLog.Pipeline;
using RxLog.Rendering.Metrics;

namespace RxLog.Rendering.Status;

/// <summary>What <c>GET /api/status</c> serves (<see cref="StatusDocument"/>): the latest report, each rule's state, the
/// alert history, the sources, kept from the run's events as another view of them (Rendering stage).</summary>
/// <remarks>Thread-safe: the pipeline's thread adds, requests read. A request holds the lock only while the document is
/// written into memory, never while a client reads it.</remarks>
public sealed class StatusStore : IMonitorView
{
    /// <summary>Alerts and recoveries kept; older ones are counted.</summary>
    public const int AlertHistory = 1000;

    /// <summary>Notices kept.</summary>
    public const int NoticeHistory = 20;

    private readonly object _gate = new();
    private readonly EventJson _json;
    private readonly IScheduler _clock;
    private readonly SourceLines _lines;
    private readonly List<AlertRule> _definitions;
    private readonly RuleStates _rules;
    private readonly Queue<EventObject> _alerts = new();
    private readonly Queue<NoticeStatus> _notices = new();
    private long _olderAlerts;
    private EventObject? _report, _summary;
    private StatusOptions _options;
    private Func<string?> _format = static () => null;

    /// <param name="options">How the run was started, as known before it starts; <see cref="Describe"/> completes it.</param>
    /// <param name="rules">The rules, the built-in one first unless off.</param>
    /// <param name="lines">The lines read per source.</param>
    /// <param name="zone">The zone times are written in, as for <c>--json</c>.</param>
    /// <param name="clock">Stamps the notices.</param>
    public StatusStore(StatusOptions options, IEnumerable<AlertRule> rules, SourceLines lines, DisplayZone? zone, IScheduler clock)
    {
        _options = options;
        _lines = lines;
        _json = new EventJson(zone);
        _clock = clock;
        _definitions = rules.ToList();
        _rules = new RuleStates(_definitions.Select(r => r.Name));
    }

    /// <summary>Each notification sink's counts (<c>--on-alert</c>), read at each request; null without one.</summary>
    public Func<IEnumerable<Notifying.SinkCounts>>? Notifications { get; set; }

    /// <summary>The rules of a run, in the order reports give their values: the built-in one first unless off.</summary>
    public static IEnumerable<AlertRule> RulesOf(MonitorSettings settings)
    {
        if (settings.Rules?.HighTrafficOff != true)
            yield return settings.Rules?.HighTraffic
                ?? AlertRule.HighTraffic(settings.Threshold, settings.WindowSeconds);
        foreach (var rule in settings.Rules?.Rules ?? []) yield return rule;
    }

    /// <summary>What only the command knows once it has started: its mode, inputs and clock, and the format's name
    /// (asked at each request, as detection may name it later).</summary>
    public void Describe(string mode, IReadOnlyList<string> inputs, string clock, string? rulesFile, Func<string?> format)
    {
        lock (_gate)
        {
            _options = _options with { Mode = mode, Inputs = inputs, Clock = clock, RulesFile = rulesFile };
            _format = format;
        }
    }

    public void OnEvent(MonitorEvent monitorEvent)
    {
        lock (_gate)
        {
            string? json = _json.Of(monitorEvent);
            _rules.OnEvent(monitorEvent);
            switch (monitorEvent)
            {
                case TrafficReport: _report = Parse(json); break;
                case AlertRaised or AlertRecovered or RuleRaised or RuleRecovered: Remember(json); break;
                case RunSummary: _summary = Parse(json); break;
            }
        }
    }

    public void OnNotice(string message)
    {
        lock (_gate)
        {
            var time = _clock.Now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            _notices.Enqueue(new NoticeStatus(time, message));
            if (_notices.Count > NoticeHistory) _notices.Dequeue();
        }
    }

    private void Remember(string? json)
    {
        if (Parse(json) is not { } alert) return;
        _alerts.Enqueue(alert);
        if (_alerts.Count <= AlertHistory) return;
        _alerts.Dequeue();
        _olderAlerts++;
    }

    private static EventObject? Parse(string? json) => json is null ? null : new EventObject(json);

    /// <summary>The document as it stands.</summary>
    public StatusDocument Snapshot()
    {
        var counted = _lines.Snapshot();
        var notifications = (Notifications?.Invoke() ?? []).ToList();
        lock (_gate)
        {
            bool running = _summary is null;
            var notices = _notices.Reverse().ToList();
            var sources = counted.Select(c => new SourceStatus(c.Key,
                !running ? "ended" : c.Value > 0 ? "reading" : "waiting", c.Value,
                notices.FirstOrDefault(n => Names(n.Message, c.Key))?.Message)).ToList();
            return new StatusDocument(MetricsStore.Version, running, _options with { Format = _format() }, sources, _report,
                _definitions.Select(r => Status(r, _rules[r.Name])).ToList(), _alerts.Reverse().ToList(), _olderAlerts, _summary, notices,
                notifications);
        }
    }

    /// <summary>The document as UTF-8 JSON. Strings use the default encoder, as <c>--json</c> does: every non-ASCII
    /// and control character escaped (a notice's file name included), so nothing in it can drive the terminal of a
    /// <c>curl</c>.</summary>
    public byte[] Utf8Json() => JsonSerializer.SerializeToUtf8Bytes(Snapshot(), StatusJson.Default.StatusDocument);

    // Notices about a file start with its path: "a.log truncated; …", "a.log: skipped …".
    private static bool Names(string notice, string source) =>
        notice.StartsWith(source, StringComparison.Ordinal) && notice.Length > source.Length
        && notice[source.Length] is ':' or ' ';

    private static RuleStatus Status(AlertRule rule, RuleStates.Rule now) => new(rule.Name, rule.KindName,
        RuleValue.ThresholdInMetricUnits(rule), rule.WindowSeconds, now.Active, now.Value, now.Alerts,
        rule.LabelList.Count == 0 ? null : rule.LabelList.ToDictionary(l => l.Key, l => l.Value));
}

using System.Reactive.Concurrency;
using System.Text.Json;
using RxLog.Aggregation;
using RxLog.Alerting;
using RxLog.Alerting.Rules;
using RxLog.Pipeline;
using RxLog.Rendering;
using RxLog.Rendering.Status;
using RxLog.Tests.Rendering;

namespace RxLog.Tests.Rendering.Status;

/// <summary>What <c>GET /api/status</c> answers: the latest report and the summary as <c>--json</c> writes them, each
/// rule's state, the alert history newest first and bounded, and the sources with their state.</summary>
public class StatusStoreTests
{
    private static readonly AlertRule ErrorRatio = new("api_errors", RuleKind.Ratio, 0.05, 300,
        new RuleScope(Section: "/api"), Labels: [new("team", "payments"), new("severity", "page")]);
    private static readonly AlertRule Slow = new("slow", RuleKind.Latency, 250_000, 60, RuleScope.All);

    private static (StatusStore Store, SourceLines Lines, HistoricalScheduler Clock) NewStore(
        MonitorSettings? settings = null)
    {
        settings ??= new MonitorSettings(Rules: new RuleSet([ErrorRatio, Slow]));
        var lines = new SourceLines();
        var clock = new HistoricalScheduler(Events.T0);
        var options = new StatusOptions("", [], null, "wall", settings.ShownThreshold, settings.WindowSeconds,
            settings.IntervalSeconds, settings.Top, settings.TopClients, null, "127.0.0.1:9100", 100);
        return (new StatusStore(options, StatusStore.RulesOf(settings), lines, zone: null, clock), lines, clock);
    }

    private static JsonElement Json(StatusStore store) => JsonDocument.Parse(store.Utf8Json()).RootElement;

    private static string JsonLine(MonitorEvent e)
    {
        var text = new StringWriter();
        new JsonLinesView(text, TextWriter.Null).OnEvent(e);
        return text.ToString().TrimEnd('\n');
    }

    [Fact]
    public void The_report_alerts_and_summary_are_the_objects_json_output_writes()
    {
        var (store, _, _) = NewStore();
        var report = Events.Report();
        store.OnEvent(Events.Alert());
        store.OnEvent(report);
        store.OnEvent(Events.Recovery());
        store.OnEvent(Events.Summary());

        var status = Json(store);

        Assert.Equal(JsonLine(report), status.GetProperty("report").GetRawText());
        Assert.Equal([JsonLine(Events.Recovery()), JsonLine(Events.Alert())],
            status.GetProperty("alerts").EnumerateArray().Select(a => a.GetRawText()));   // newest first
        Assert.Equal(JsonLine(Events.Summary()), status.GetProperty("summary").GetRawText());
        Assert.False(status.GetProperty("running").GetBoolean());
    }

    [Fact]
    public void Before_the_first_report_the_document_says_so_with_nulls_not_zeros()
    {
        var (store, _, _) = NewStore();

        var status = Json(store);

        Assert.True(status.GetProperty("running").GetBoolean());
        Assert.Equal(JsonValueKind.Null, status.GetProperty("report").ValueKind);
        Assert.Equal(JsonValueKind.Null, status.GetProperty("summary").ValueKind);
        Assert.All(status.GetProperty("rules").EnumerateArray(),
            rule => Assert.Equal(JsonValueKind.Null, rule.GetProperty("value").ValueKind));
        Assert.Equal(0, status.GetProperty("alerts").GetArrayLength());
        Assert.Equal(0, status.GetProperty("notifications").GetArrayLength());   // no --on-alert
    }

    [Fact]
    public void Each_rule_shows_its_threshold_and_value_in_metric_units_whether_it_is_alerting_and_how_often_it_fired()
    {
        var (store, _, _) = NewStore();
        var value = new RuleValue(0.08, 8, 100);
        store.OnEvent(new RuleRaised(Events.T0.AddSeconds(30), ErrorRatio, value));
        store.OnEvent(Events.Report() with
        {
            Metrics = new ReportMetrics([], null, 0, 0,
                [new("high_traffic", 12.5), new("api_errors", 0.08), new("slow", null)]),
        });

        var rules = Json(store).GetProperty("rules").EnumerateArray().ToList();

        Assert.Equal(["high_traffic", "api_errors", "slow"], rules.Select(r => r.GetProperty("rule").GetString()));
        Assert.Equal(("rate", 10.0, 120, false, 12.5, 0L),
            (rules[0].GetProperty("kind").GetString(), rules[0].GetProperty("threshold").GetDouble(),
             rules[0].GetProperty("window_seconds").GetInt32(), rules[0].GetProperty("active").GetBoolean(),
             rules[0].GetProperty("value").GetDouble(), rules[0].GetProperty("alerts").GetInt64()));
        Assert.Equal(("ratio", 0.05, 300, true, 0.08, 1L),
            (rules[1].GetProperty("kind").GetString(), rules[1].GetProperty("threshold").GetDouble(),
             rules[1].GetProperty("window_seconds").GetInt32(), rules[1].GetProperty("active").GetBoolean(),
             rules[1].GetProperty("value").GetDouble(), rules[1].GetProperty("alerts").GetInt64()));
        Assert.Equal("""{"team":"payments","severity":"page"}""", rules[1].GetProperty("labels").GetRawText());
        Assert.Equal(0.25, rules[2].GetProperty("threshold").GetDouble());      // seconds, as the metrics have it
        Assert.Equal(JsonValueKind.Null, rules[2].GetProperty("value").ValueKind);   // too few timed hits to decide
    }

    [Fact]
    public void The_built_in_rule_turned_off_is_not_listed_and_the_threshold_is_null()
    {
        var (store, _, _) = NewStore(new MonitorSettings(Rules: new RuleSet([ErrorRatio], highTrafficOff: true)));

        var status = Json(store);

        Assert.Equal(["api_errors"], status.GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("rule").GetString()));
        Assert.Equal(JsonValueKind.Null, status.GetProperty("options").GetProperty("threshold").ValueKind);
    }

    [Fact]
    public void The_alert_history_keeps_the_newest_thousand_and_counts_the_older_ones()
    {
        var (store, _, _) = NewStore();
        for (int i = 0; i < 1003; i++)
            store.OnEvent(i % 2 == 0
                ? Events.Alert() with { Time = Events.T0.AddSeconds(i) }
                : Events.Recovery() with { Time = Events.T0.AddSeconds(i) });

        var status = Json(store);
        var alerts = status.GetProperty("alerts").EnumerateArray().ToList();

        Assert.Equal(StatusStore.AlertHistory, alerts.Count);
        Assert.Equal(3, status.GetProperty("older_alerts").GetInt64());
        Assert.Equal("2026-01-01T10:16:42+00:00", alerts[0].GetProperty("time").GetString());    // second 1002
        Assert.Equal("2026-01-01T10:00:03+00:00", alerts[^1].GetProperty("time").GetString());   // second 3
        Assert.Equal(502, status.GetProperty("rules")[0].GetProperty("alerts").GetInt64());       // every alert counted
    }

    [Fact]
    public void Sources_wait_until_a_line_is_read_then_read_until_the_run_ends_each_with_the_newest_notice_naming_it()
    {
        var (store, lines, clock) = NewStore();
        store.Describe("watch", ["/var/log/nginx/*.log"], "wall", "rules.yaml", () => "Common/Combined Log Format");
        lines.Expect("/var/log/nginx/a.log");
        lines.Expect("/var/log/nginx/b.log");
        lines.Add("/var/log/nginx/a.log", 12);
        store.OnNotice("/var/log/nginx/a.log truncated; reading from the start");
        clock.AdvanceBy(TimeSpan.FromSeconds(5));
        store.OnNotice("/var/log/nginx/a.log.1: cannot be read");   // another file's, despite the common start
        store.OnNotice("something else");

        var running = Json(store);
        store.OnEvent(Events.Summary());
        var ended = Json(store);

        var sources = running.GetProperty("sources").EnumerateArray().ToList();
        Assert.Equal(("/var/log/nginx/a.log", "reading", 12L, "/var/log/nginx/a.log truncated; reading from the start"),
            (sources[0].GetProperty("source").GetString(), sources[0].GetProperty("state").GetString(),
             sources[0].GetProperty("lines").GetInt64(), sources[0].GetProperty("notice").GetString()));
        Assert.Equal(("waiting", 0L, JsonValueKind.Null), (sources[1].GetProperty("state").GetString(),
            sources[1].GetProperty("lines").GetInt64(), sources[1].GetProperty("notice").ValueKind));
        Assert.All(ended.GetProperty("sources").EnumerateArray(), s => Assert.Equal("ended", s.GetProperty("state").GetString()));
        var notices = running.GetProperty("notices").EnumerateArray().ToList();
        Assert.Equal(("2026-01-01T10:00:05Z", "something else"),
            (notices[0].GetProperty("time").GetString(), notices[0].GetProperty("message").GetString()));
        var options = running.GetProperty("options");
        Assert.Equal(("watch", "/var/log/nginx/*.log", "Common/Combined Log Format", "rules.yaml"),
            (options.GetProperty("mode").GetString(), options.GetProperty("inputs")[0].GetString(),
             options.GetProperty("format").GetString(), options.GetProperty("rules_file").GetString()));
    }

    [Fact]
    public void Notices_keep_the_newest_twenty()
    {
        var (store, _, _) = NewStore();
        for (int i = 1; i <= 25; i++) store.OnNotice($"notice {i}");

        var notices = Json(store).GetProperty("notices").EnumerateArray().Select(n => n.GetProperty("message").GetString());

        Assert.Equal(Enumerable.Range(6, 20).Reverse().Select(i => $"notice {i}"), notices);
    }

    [Fact]
    public void Hostile_text_from_the_log_is_escaped_json_never_raw()
    {
        var (store, _, _) = NewStore();
        store.OnEvent(Events.Report(Events.HostileSections));
        store.OnNotice("bad\"name\u001b[2J\u009b2J\u202Egnp.exe: x");   // a notice names a file: its name is raw

        byte[] json = store.Utf8Json();

        Assert.DoesNotContain((byte)0x1b, json);
        string text = System.Text.Encoding.UTF8.GetString(json);
        Assert.DoesNotContain('\u009b', text);   // C1 CSI
        Assert.DoesNotContain('\u202E', text);   // right-to-left override
        var status = JsonDocument.Parse(json).RootElement;   // well-formed
        Assert.Equal(Events.HostileSections[0].Section,
            status.GetProperty("report").GetProperty("sections").EnumerateArray()
                .Select(s => s.GetProperty("section").GetString()).First(s => s!.Contains("pwn")));
    }
}

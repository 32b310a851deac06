using RxLog.Aggregation;
using RxLog.Alerting.Rules;
using RxLog.Parsing;
using RxLog.Pipeline;
using RxLog.Tests.Support;
using static RxLog.Tests.Support.Records;

namespace RxLog.Tests.Alerting.Rules;

/// <summary>CONTRACT.md "Rules" on virtual time, to the exact second: each kind's raise and recovery, equality,
/// <c>min_hits</c>, <c>for</c> restarting, silence from the log's start and after the last hit, a scope that never
/// appears — through <c>check</c>'s whole log-time pipeline, gaps included.</summary>
public class RuleAlertsTests
{
    // A built-in rule that never fires here, so only the rules file's rules speak.
    private static MonitorSettings With(params AlertRule[] rules) =>
        new(Threshold: 1000, WindowSeconds: 10, IntervalSeconds: 3600, Rules: new RuleSet(rules));

    private static List<string> RuleEvents(MonitorSettings settings, IEnumerable<ParsedLine> lines) =>
        LogTimeRun.Events(settings, lines).Where(e => e.Contains(" rule ", StringComparison.Ordinal)).ToList();

    private static AlertRule Rate(double perSecond, string? section = "/api", int window = 10, int forSeconds = 0) =>
        new("api_hot", RuleKind.Rate, perSecond, window, new RuleScope(section), ForSeconds: forSeconds);

    private static ParsedLine Status(long second, short status, string section = "/shop") => Hit(second, section, status);

    [Fact]
    public void A_rate_rule_raises_at_the_first_boundary_above_and_recovers_in_a_gap_at_the_exact_second()
    {
        var lines = Hits(0, 6).Append(Hit(100, "/other"));

        Assert.Equal(
        [
            "@1 rule api_hot alert 1 hits = 0.60/s",
            "@11 rule api_hot recovered 11 hits = 0.00/s after=10",
        ], RuleEvents(With(Rate(0.5)), lines));
    }

    [Fact]
    public void A_rate_rule_counts_only_its_section_and_equality_changes_nothing()
    {
        var lines = Hits(0, 5).Concat(Hits(0, 50, "/static")).Append(Hit(30, "/other"));

        Assert.Empty(RuleEvents(With(Rate(0.5)), lines));   // 5 of /api in 10 s: exactly 0.5/s
    }

    [Fact]
    public void A_glob_section_counts_every_section_it_matches()
    {
        var lines = Hits(0, 3, "/api").Concat(Hits(0, 3, "/apix")).Concat(Hits(0, 30, "/static")).Append(Hit(30, "/other"));

        Assert.Equal(["@1 rule api_hot alert 1 hits = 0.60/s", "@11 rule api_hot recovered 11 hits = 0.00/s after=10"],
            RuleEvents(With(Rate(0.5, "/api*")), lines));
    }

    [Fact]
    public void A_ratio_rule_decides_on_matching_over_all_hits_of_the_window()
    {
        var rule = new AlertRule("errors", RuleKind.Ratio, 0.05, 10, new RuleScope(Status: new StatusMatch(5, true)));
        // 20 hits at 0, one a 503: 5 % (equal, nothing); a 500 at 2: 2 of 21 = 9.5 % raises at 3. At 11 the 500 alone is
        // 100 %; from 13 the window is empty (no decision, still alerting) until a 200 at 40 makes it 0 %.
        var lines = Enumerable.Range(0, 19).Select(_ => Status(0, 200)).Append(Status(0, 503)).Append(Status(2, 500))
            .Append(Status(40, 200));

        Assert.Equal(
        [
            "@3 rule errors alert 3 ratio = 9.5% (2 of 21)",
            "@41 rule errors recovered 41 ratio = 0.0% (0 of 1) after=38",
        ], RuleEvents(With(rule), lines));
    }

    [Fact]
    public void Below_min_hits_a_ratio_rule_makes_no_decision_and_keeps_its_state()
    {
        var rule = new AlertRule("errors", RuleKind.Ratio, 0.05, 10, new RuleScope(Status: new StatusMatch(500, false)),
            MinHits: 10);
        // 10 hits, 5 of them 500s: raises at 1. At 12 one 200 alone: 1 hit < 10, no decision: still alerting.
        // At 30, ten 200s: 0 % with 10 hits recovers at 31.
        var lines = Enumerable.Range(0, 5).Select(_ => Status(0, 500)).Concat(Enumerable.Range(0, 5).Select(_ => Status(0, 200)))
            .Append(Status(12, 200)).Concat(Enumerable.Range(0, 10).Select(_ => Status(30, 200)));

        Assert.Equal(
        [
            "@1 rule errors alert 1 ratio = 50.0% (5 of 10)",
            "@31 rule errors recovered 31 ratio = 0.0% (0 of 10) after=30",
        ], RuleEvents(With(rule), lines));
    }

    [Fact]
    public void A_latency_rule_takes_the_percentile_of_the_matching_hits_times_in_the_window()
    {
        var rule = new AlertRule("slow", RuleKind.Latency, 250_000, 10, RuleScope.All, MinHits: 3, Percentile: 50);
        // Two slow hits at 0: under min_hits. A third at 1: p50 of three = 400 ms raises at 2. Fast hits at 5 pull
        // the median down to 100 ms (shown as its bucket's middle; recovers at 6); the slow ones leave at 11 and 12.
        var lines = new[]
        {
            Timed(0, 400_000), Timed(0, 400_000), Timed(1, 400_000),
            Timed(5, 100_000), Timed(5, 100_000), Timed(5, 100_000), Timed(5, 100_000), Hit(40, "/x"),
        };

        Assert.Equal(
        [
            "@2 rule slow alert 2 p50 = 399ms",
            "@6 rule slow recovered 6 p50 = 99.8ms after=4",
        ], RuleEvents(With(rule), lines));
    }

    [Fact]
    public void A_silence_rule_raises_from_the_logs_start_when_its_scope_never_comes()
    {
        var rule = new AlertRule("checkout_quiet", RuleKind.Silence, 30, 30, new RuleScope("/checkout"));
        var lines = Enumerable.Range(0, 60).Select(s => Hit(s, "/shop"));

        Assert.Equal(["@30 rule checkout_quiet alert 30 no hits for 30s"], RuleEvents(With(rule), lines));
    }

    [Fact]
    public void A_silence_rule_raises_D_seconds_after_the_last_hit_and_recovers_one_second_after_the_next()
    {
        var rule = new AlertRule("checkout_quiet", RuleKind.Silence, 30, 30, new RuleScope("/checkout"));
        // Checkout at 0..5, then only /shop, sparsely (a gap the clock skips), checkout again at 100.
        var lines = Enumerable.Range(0, 6).Select(s => Hit(s, "/checkout")).Append(Hit(70, "/shop")).Append(Hit(100, "/checkout"))
            .Append(Hit(200, "/shop"));

        Assert.Equal(
        [
            "@36 rule checkout_quiet alert 36 no hits for 30s",
            "@101 rule checkout_quiet recovered 101 no hits for 0s after=65",
            "@131 rule checkout_quiet alert 131 no hits for 30s",
        ], RuleEvents(With(rule), lines));
    }

    [Fact]
    public void For_delays_the_raise_until_the_condition_held_that_long_and_a_break_starts_the_count_again()
    {
        // 1 hit/s of /api with W=2, T=0.5: rate 1.0 from b=2 on, but a missing second (3) makes it 0.5 at 4 and 5
        // (equality: the condition does not hold), so the count restarts at 6; it raises 4 s after that, at 10.
        var seconds = Enumerable.Range(0, 20).Where(s => s != 3);
        var lines = seconds.Select(s => Hit(s));

        Assert.Equal(["@10 rule api_hot alert 10 hits = 1.00/s"],
            RuleEvents(With(Rate(0.5, window: 2, forSeconds: 4)), lines));
    }

    [Fact]
    public void For_counts_through_a_gap_in_the_log_at_the_exact_second()
    {
        var rule = new AlertRule("checkout_quiet", RuleKind.Silence, 10, 10, new RuleScope("/checkout"), ForSeconds: 60);
        var lines = new[] { Hit(0, "/checkout"), Hit(500, "/shop") };

        Assert.Equal(["@71 rule checkout_quiet alert 71 no hits for 1m10s"], RuleEvents(With(rule), lines));
    }

    [Fact]
    public void A_scope_that_never_appears_never_fires_and_the_summary_still_counts_the_rule()
    {
        var settings = With(Rate(0.1, "/never"));
        var events = LogTimeRun.Events(settings, Hits(0, 100, "/api"));

        Assert.DoesNotContain(events, e => e.Contains(" rule ", StringComparison.Ordinal));
        Assert.Contains(events, e => e.Contains("summary", StringComparison.Ordinal) && e.Contains("alerts=0", StringComparison.Ordinal));
    }

    [Fact]
    public void At_one_instant_the_built_in_alert_comes_first_then_the_rules_in_file_order_then_the_report()
    {
        var settings = new MonitorSettings(Threshold: 0.5, WindowSeconds: 10, IntervalSeconds: 1,
            Rules: new RuleSet([Rate(0.5) with { Name = "b_rule" }, Rate(0.5) with { Name = "a_rule" }]));

        var events = LogTimeRun.Events(settings, Hits(0, 6)).Take(4).ToList();

        Assert.Equal(
        [
            "@1 alert 1 hits=6 avg=0.6",
            "@1 rule b_rule alert 1 hits = 0.60/s",
            "@1 rule a_rule alert 1 hits = 0.60/s",
        ], events.Take(3));
        Assert.StartsWith("@1 report 0..1", events[3]);
    }

    [Fact]
    public void Reports_name_the_rules_alerting_at_their_end_and_the_summary_counts_alerts_per_rule()
    {
        var settings = With(Rate(0.5));
        var scheduler = new System.Reactive.Concurrency.HistoricalScheduler();
        var recorder = new Recorder<MonitorEvent>(scheduler);
        var lines = Hits(0, 6).Append(Hit(3700, "/x")).ToArray();
        using (MonitorPipeline.InLogTime(System.Reactive.Linq.Observable.Return(new ParsedBatch(lines, 0, lines.Length)),
                   settings with { IntervalSeconds = 10 }, scheduler).Subscribe(recorder)) { }

        var reports = recorder.Values.Select(v => v.Value).OfType<TrafficReport>().ToList();
        Assert.Equal(["api_hot"], reports[0].AlertingRules);
        Assert.Equal([], reports[1].AlertingRules);
        var summary = Assert.IsType<RunSummary>(recorder.Values[^1].Value);
        Assert.Equal([new RuleCount("high_traffic", 0, false), new RuleCount("api_hot", 1, false)], summary.Rules);
        Assert.Equal(1, summary.Alerts);
    }

    [Fact]
    public void Turning_the_built_in_rule_off_silences_it_and_leaves_it_out_of_the_summary()
    {
        var settings = new MonitorSettings(Threshold: 0.1, WindowSeconds: 10, IntervalSeconds: 3600,
            Rules: new RuleSet([], highTrafficOff: true));

        var events = LogTimeRun.Events(settings, Hits(0, 100));

        Assert.DoesNotContain(events, e => e.Contains(" alert ", StringComparison.Ordinal));
        Assert.Contains(events, e => e.Contains("alerts=0", StringComparison.Ordinal));
    }
}

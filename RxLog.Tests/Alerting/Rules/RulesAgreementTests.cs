using System.Reactive.Concurrency;
using System.Reactive.Linq;
using System.Text;
using RxLog.Aggregation;
using RxLog.Alerting;
using RxLog.Alerting.Rules;
using RxLog.Parsing;
using RxLog.Pipeline;
using RxLog.Tests.Parsing;
using RxLog.Tests.Support;

namespace RxLog.Tests.Alerting.Rules;

/// <summary>The pipeline's rules agree with <see cref="RulesModel"/>, an independent second-by-second reading of
/// CONTRACT.md "Rules", on real logs (out-of-order lines, gaps of days, response times) and on seeded random ones;
/// and a rate rule scoped to one section fires where the built-in rule fires on the log filtered to that section.</summary>
public class RulesAgreementTests
{
    public static TheoryData<string> RealLogs => new()
    {
        "elastic_apache_logs/apache_logs.gz",
        "lnav_test_logs/logfile_shop_access_log.0",
        "nasa_ksc_aug95_head/NASA_access_log_Aug95_head",
        "monitorware_apache_2004/access_log",
        "iis_waikolai_2009_2011/u_ex091107.log",
        "iis_webknowit_2015_2016/u_ex160110_W3SVC1.log",
    };

    [Theory]
    [MemberData(nameof(RealLogs))]
    public void Every_kind_of_rule_fires_where_the_model_says_on_a_real_log(string log)
    {
        var lines = Parse(log);
        var rules = RulesFor(lines);

        var expected = RulesModel.Events(lines, rules);
        var actual = PipelineEvents(lines, rules, batch: 97);

        Assert.NotEmpty(expected);
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Random_logs_with_gaps_bursts_and_late_lines_agree_with_the_model(int seed)
    {
        var random = new Random(seed);
        var lines = new List<ParsedLine>();
        string[] sections = ["/api", "/shop", "/checkout", "/static"];
        long t = Records.T0Seconds;
        for (int i = 0; i < 4000; i++)
        {
            t += random.Next(10) switch { 0 => random.Next(200, 2000), < 4 => 0, _ => random.Next(0, 3) };
            long second = random.Next(20) == 0 ? t - random.Next(1, 30) : t;   // now and then a late line
            short status = (short)(random.Next(10) == 0 ? 503 : random.Next(8) == 0 ? 404 : 200);
            long micros = random.Next(3) == 0 ? LogRecord.NoDuration : random.Next(1_000, 900_000);
            lines.Add(ParsedLine.Hit(new LogRecord(second, 0, sections[random.Next(sections.Length)], status, 100, micros,
                "10.0.0." + random.Next(4)), i + 1));
        }
        AlertRule[] rules =
        [
            new("api_hot", RuleKind.Rate, 0.3, 10, new RuleScope("/api")),
            new("api_hot_for", RuleKind.Rate, 0.2, 20, new RuleScope("/api"), ForSeconds: 15),
            new("errors", RuleKind.Ratio, 0.12, 30, new RuleScope(Status: new StatusMatch(5, true)), MinHits: 10),
            new("errors_for", RuleKind.Ratio, 0.15, 60, new RuleScope("/shop", new StatusMatch(503, false)), MinHits: 5, ForSeconds: 10),
            new("slow", RuleKind.Latency, 600_000, 30, new RuleScope("/s*"), MinHits: 5, Percentile: 90),
            new("client_hot", RuleKind.Rate, 0.2, 10, new RuleScope(Client: "10.0.0.1")),
            new("checkout_quiet", RuleKind.Silence, 60, 60, new RuleScope("/checkout")),
            new("checkout_quiet_for", RuleKind.Silence, 30, 30, new RuleScope("/checkout"), ForSeconds: 20),
        ];

        var expected = RulesModel.Events(lines, rules);
        Assert.True(expected.Count > 20, $"only {expected.Count} events: the log should exercise every rule");
        Assert.Equal(expected, PipelineEvents(lines, rules, batch: 1 + seed * 50));
    }

    [Theory]
    [InlineData("elastic_apache_logs/apache_logs.gz", "1")]
    [InlineData("elastic_apache_logs/apache_logs.gz", "2")]
    [InlineData("lnav_test_logs/logfile_shop_access_log.0", "1")]
    [InlineData("lnav_test_logs/logfile_shop_access_log.0", "2")]
    [InlineData("iis_webknowit_2015_2016/u_ex160110_W3SVC1.log", "2")]
    public async Task Check_counting_on_its_parsing_workers_agrees_with_the_model(string log, string threads)
    {
        var lines = Parse(log);
        var top = TopSections(lines);
        var times = lines.Where(l => l.Kind == LineKind.Record && l.Record.HasDuration).Select(l => l.Record.DurationMicros).Order().ToList();
        string yaml = $$"""
            rules:
              - {name: top_hot, rate: 0.2, window: 1m, section: "{{top[0]}}"}
              - {name: top_glob, rate: 0.1, section: "{{top[0][..Math.Min(2, top[0].Length)]}}*", for: 20s}
              - {name: not_found, ratio: 3%, status: 4xx, min_hits: 5}
              - {name: second_quiet, silence: 5m, section: "{{top[Math.Min(1, top.Count - 1)]}}"}
            """ + (times.Count > 0 ? $"\n  - {{name: slow, latency: {times[times.Count / 2]}us, percentile: 90, min_hits: 3}}\n" : "\n");
        var rules = RulesFile.Read(new StringReader(yaml), 1e9, 120);
        string file = Path.Combine(Path.GetTempPath(), $"rxlog-rules-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(file, yaml);
        try
        {
            var result = await CliRunner.RunAsync("check", RepoPaths.SharedData(log), "--rules", file, "--json",
                "--threshold", "1000000", "--threads", threads);

            var actual = result.OutLines.Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement)
                .Where(e => e.GetProperty("type").GetString() is "alert" or "recovered")
                .Select(e => $"{DateTimeOffset.Parse(e.GetProperty("time").GetString()!, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeSeconds()} "
                             + $"{e.GetProperty("rule").GetString()} {e.GetProperty("type").GetString()}").ToList();
            var expected = RulesModel.Events(lines, rules.Rules);
            Assert.NotEmpty(expected);
            Assert.Equal(expected, actual);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("lnav_test_logs/logfile_shop_access_log.0", 0.5)]
    [InlineData("nasa_ksc_aug95_head/NASA_access_log_Aug95_head", 0.1)]
    public void A_rate_rule_scoped_to_a_section_fires_where_the_built_in_rule_fires_on_that_section_alone(string log,
        double threshold)
    {
        var lines = Parse(log);
        string section = TopSections(lines)[0];
        var only = lines.Where(l => l.Kind == LineKind.Record && l.Record.Section == section).ToList();
        var rule = new AlertRule("hot", RuleKind.Rate, threshold, 120, new RuleScope(section));

        var builtIn = BuiltInEvents(only, threshold);
        long end = only.Max(l => l.Record.Second) + 1;
        var scoped = PipelineEvents(lines, [rule], batch: 64)
            .Where(e => long.Parse(e.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) <= end);

        Assert.NotEmpty(builtIn);
        Assert.Equal(builtIn, scoped.Select(e => e.Replace(" hot ", " ", StringComparison.Ordinal)));
    }

    private static List<ParsedLine> Parse(string log) => SharedData.ParseAll(log);

    private static List<string> TopSections(List<ParsedLine> lines) =>
        lines.Where(l => l.Kind == LineKind.Record && l.Record.Section is not null)
            .GroupBy(l => l.Record.Section!).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Key).ToList();

    // Rules whose thresholds come from the log itself, so each has something to decide.
    private static AlertRule[] RulesFor(List<ParsedLine> lines)
    {
        var records = lines.Where(l => l.Kind == LineKind.Record).Select(l => l.Record).ToList();
        var top = TopSections(lines);
        double span = Math.Max(1, records.Max(r => r.Second) - records.Min(r => r.Second));
        double rate = records.Count / span;
        var rules = new List<AlertRule>
        {
            new("top_hot", RuleKind.Rate, Math.Max(0.05, rate), 120, new RuleScope(top[0])),
            new("top_hot_for", RuleKind.Rate, Math.Max(0.05, rate / 2), 60, new RuleScope(top[0]), ForSeconds: 30),
            new("not_found", RuleKind.Ratio, 0.05, 120, new RuleScope(Status: new StatusMatch(4, true)), MinHits: 5),
            new("second_quiet", RuleKind.Silence, 600, 600, new RuleScope(top[Math.Min(1, top.Count - 1)])),
            new("second_quiet_for", RuleKind.Silence, 300, 300, new RuleScope(top[Math.Min(1, top.Count - 1)] + "*"), ForSeconds: 120),
        };
        var times = records.Where(r => r.HasDuration).Select(r => r.DurationMicros).Order().ToList();
        if (times.Count > 0)
            rules.Add(new AlertRule("slow", RuleKind.Latency, Math.Max(1, times[times.Count / 2]), 120, RuleScope.All,
                MinHits: 3, Percentile: 90));
        return rules.ToArray();
    }

    // The pipeline's rule events as the model writes them, lines cut into batches of `batch`.
    private static List<string> PipelineEvents(List<ParsedLine> lines, IReadOnlyList<AlertRule> rules, int batch)
    {
        var settings = new MonitorSettings(Threshold: 1e9, WindowSeconds: 120, IntervalSeconds: 10,
            Rules: new RuleSet(rules));
        return Run(lines, settings, batch).Select(e => e switch
        {
            RuleRaised a => $"{a.Time.ToUnixTimeSeconds()} {a.Rule.Name} alert",
            RuleRecovered r => $"{r.Time.ToUnixTimeSeconds()} {r.Rule.Name} recovered",
            _ => null,
        }).OfType<string>().ToList();
    }

    private static List<string> BuiltInEvents(List<ParsedLine> lines, double threshold) =>
        Run(lines, new MonitorSettings(Threshold: threshold, WindowSeconds: 120, IntervalSeconds: 10), batch: 64)
            .Select(e => e switch
            {
                AlertRaised a => $"{a.Time.ToUnixTimeSeconds()} alert",
                AlertRecovered r => $"{r.Time.ToUnixTimeSeconds()} recovered",
                _ => null,
            }).OfType<string>().ToList();

    private static List<MonitorEvent> Run(List<ParsedLine> lines, MonitorSettings settings, int batch)
    {
        var batches = lines.Chunk(batch).Select(c => new ParsedBatch(c, 0, c.Length));
        var scheduler = new HistoricalScheduler();
        var events = new List<MonitorEvent>();
        Exception? error = null;
        using (MonitorPipeline.InLogTime(batches.ToObservable(ImmediateScheduler.Instance), settings, scheduler)
                   .Subscribe(events.Add, e => error = e)) { }
        Assert.Null(error);
        return events;
    }
}

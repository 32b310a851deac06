using System.Text.RegularExpressions;
using RxLog.Tests.Parsing;
using RxLog.Tests.Support;

namespace RxLog.Tests.EndToEnd;

/// <summary>Issue 4 "Must stay true": the same traffic gives exactly the same reports (hits, top sections, status mix,
/// bytes) and alerts in CLF, Combined, W3C (read from .gz), JSON lines, a custom nginx <c>log_format</c> and a custom
/// Apache <c>LogFormat</c>. One real log is rewritten into each and checked with <c>--json --tz UTC</c>.</summary>
public sealed class FormatParityTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    public static TheoryData<string, string> Logs => new()
    {
        { "elastic_apache_logs/apache_logs.gz", "1.0" },             // +0000, alerts every hour
        { "lnav_test_logs/logfile_shop_access_log.0", "5.0" },       // +0330, alert, recovery, alert again
    };

    [Theory]
    [MemberData(nameof(Logs))]
    public async Task Every_format_gives_the_events_of_the_same_traffic_in_clf(string log, string threshold)
    {
        var hits = LogConversions.Hits(SharedData.ReadAllLines(log));
        string clf = Write("clf.log", LogConversions.Combined(hits));
        string w3c = _dir.File("u_ex.log.gz");
        LogConversions.WriteGzip(w3c, LogConversions.W3c(hits));
        string json = Write("access.jsonl", LogConversions.JsonLines(hits));
        string nginx = Write("nginx.log", LogConversions.Nginx(hits));
        string apache = Write("apache.log", LogConversions.Apache(hits));

        string[] common = ["--threshold", threshold, "--json", "--tz", "UTC"];
        var expected = await CliRunner.RunAsync(["check", clf, .. common]);
        var runs = new Dictionary<string, CliResult>
        {
            ["w3c"] = await CliRunner.RunAsync(["check", w3c, .. common]),
            ["json"] = await CliRunner.RunAsync(["check", json, .. common]),
            ["nginx"] = await CliRunner.RunAsync(["check", nginx, "--log-format", LogConversions.NginxFormat, .. common]),
            ["apache"] = await CliRunner.RunAsync(["check", apache, "--log-format", LogConversions.ApacheFormat, .. common]),
        };

        Assert.Contains("\"type\":\"alert\"", expected.Out);
        Assert.Equal(hits.Count, expected.Summary.GetProperty("hits").GetInt64());
        foreach (var (name, run) in runs)
        {
            Assert.True(run.Problems == "", $"{name}: {run.Err}");
            Assert.True(run.Code == expected.Code, $"{name}: exit {run.Code}");
            Assert.True(EventStreams.FirstDifference(Traffic(expected.Out), Traffic(run.Out)) is null,
                $"{name}: {EventStreams.FirstDifference(Traffic(expected.Out), Traffic(run.Out))}");
            Assert.Contains("\"response_time\"", run.Out);   // each of these formats carries a response time
        }
    }

    [Theory]
    [InlineData("w3c")]
    [InlineData("json")]
    [InlineData("common")]
    public async Task Generated_traffic_is_the_same_in_every_output_format(string format)
    {
        string combined = _dir.File("combined.log"), other = _dir.File($"other.{format}");
        string[] traffic = ["--lines", "20000", "--profile", "burst", "--rate", "40"];
        await CliRunner.RunAsync(["generate", .. traffic, "-o", combined]);
        await CliRunner.RunAsync(["generate", .. traffic, "--output-format", format, "-o", other]);

        var expected = await CliRunner.RunAsync("check", combined, "--json", "--threshold", "20");
        var actual = await CliRunner.RunAsync("check", other, "--json", "--threshold", "20");

        Assert.Equal(1, expected.Code);   // the burst trips the alert
        Assert.Equal((expected.Code, Traffic(expected.Out)), (actual.Code, Traffic(actual.Out)));
    }

    /// <summary>A <c>--json</c> run's events without what depends on the format rather than the traffic: the summary's
    /// <c>format</c> and the response times (CLF has none).</summary>
    private static string Traffic(string output) =>
        Regex.Replace(Regex.Replace(output, ",\"format\":\"(?:[^\"\\\\]|\\\\.)*\"", ""), ",\"response_time\":\\{[^}]*\\}", "");

    private string Write(string name, IEnumerable<string> lines)
    {
        string path = _dir.File(name);
        File.WriteAllLines(path, lines);
        return path;
    }
}

using System.Text.Json;
using RxLog.Cli;
using RxLog.Tests.Support;

namespace RxLog.Tests.EndToEnd;

/// <summary>Issue 17 part 4 through <c>rxlog check --log-format</c>: Apache formats as Apache's modules write them,
/// on the fixtures in <c>Fixtures/</c> (mod_ssl's stock <c>ssl_request_log</c>, and a vhost format with mod_logio,
/// mod_ssl and thread-id directives), with the format pasted as httpd.conf has it (<c>\"</c> for quotes).</summary>
public sealed class ApacheModuleFormatsTests
{
    private const string SslRequestLog = "%t %h %{SSL_PROTOCOL}x %{SSL_CIPHER}x \\\"%r\\\" %b";

    private const string VhostModules = "%v:%p %h %l %u %t \\\"%r\\\" %>s %O \\\"%{Referer}i\\\" \\\"%{User-Agent}i\\\" "
        + "%D %{SSL_PROTOCOL}x %{tid}P %^ti %L";

    private static string Fixture(string name) => RepoPaths.Repo(Path.Combine("RxLog.Tests", "EndToEnd", "Fixtures", name));

    // Hits by status class over every report of a --json run: 2xx, 3xx, 4xx, 5xx, other.
    private static long[] StatusTotals(CliResult result)
    {
        long[] totals = new long[5];
        foreach (string line in result.OutLines)
        {
            using var document = JsonDocument.Parse(line);
            if (document.RootElement.GetProperty("type").GetString() != "report") continue;
            JsonElement status = document.RootElement.GetProperty("status");
            string[] classes = ["2xx", "3xx", "4xx", "5xx", "other"];
            for (int i = 0; i < classes.Length; i++) totals[i] += status.GetProperty(classes[i]).GetInt64();
        }

        return totals;
    }

    [Fact]
    public async Task Mod_ssls_request_log_reads_every_line_as_a_hit_of_unknown_status()
    {
        var result = await CliRunner.RunAsync("check", Fixture("apache_ssl_request.log"), "--json", "--log-format", SslRequestLog);

        Assert.Equal((ExitCodes.Ok, ""), (result.Code, result.Err));
        Assert.Equal((10L, 0L), (result.Summary.GetProperty("hits").GetInt64(), result.Summary.GetProperty("invalid").GetInt64()));
        Assert.Equal([0L, 0L, 0L, 0L, 10L], StatusTotals(result));
    }

    [Fact]
    public async Task A_format_with_several_module_directives_reads_every_line()
    {
        var result = await CliRunner.RunAsync("check", Fixture("apache_vhost_modules.log"), "--json", "--log-format", VhostModules);

        Assert.Equal((ExitCodes.Ok, ""), (result.Code, result.Err));
        Assert.Equal((7L, 0L), (result.Summary.GetProperty("hits").GetInt64(), result.Summary.GetProperty("invalid").GetInt64()));
        Assert.Equal([3L, 2L, 1L, 1L, 0L], StatusTotals(result));
        Assert.Equal(7, result.Summary.GetProperty("response_time").GetProperty("count").GetInt64());
    }

    [Fact]
    public async Task A_statusless_format_reports_its_hits_as_other_with_sections_and_alerts_as_usual()
    {
        var result = await CliRunner.RunAsync("check", Fixture("apache_ssl_request.log"), "--log-format", SslRequestLog,
            "--window", "10", "--threshold", "0.5", "--top-clients", "0");

        Assert.Equal((ExitCodes.AlertFired, ""), (result.Code, result.Err));
        Assert.Equal(
            [
                "High traffic generated an alert - hits = 0.60, triggered at 2026-12-05T08:00:04+01:00",
                "[2026-12-05 08:00:00 → 08:00:10 +01:00] hits 8 · 0.80/s · avg 0.80/s > 0.5 ALERT",
                "  2xx 0 · 3xx 0 · 4xx 0 · 5xx 0 · other 8 · 39.8 KiB sent · invalid 0",
                "  top /api 4 · /shop 2 · / 1 · /static 1",
                "High traffic alert recovered - hits = 0.40, recovered at 2026-12-05T08:00:13+01:00, after 9s",
                "[2026-12-05 08:00:30 → 08:00:40 +01:00] hits 1 · 0.10/s · avg 0.10/s < 0.5 ok",
                "  2xx 0 · 3xx 0 · 4xx 0 · 5xx 0 · other 1 · 512 B sent · invalid 0",
                "  top /api 1",
                "[2026-12-05 08:00:40 → 08:00:50 +01:00] hits 1 · 0.10/s · avg 0.10/s < 0.5 ok",
                "  2xx 0 · 3xx 0 · 4xx 0 · 5xx 0 · other 1 · 7.5 KiB sent · invalid 0",
                "  top /shop 1",
                "Summary: 2026-12-05 08:00:01 → 08:00:48 +01:00 (47s) · hits 10 · invalid 0 · alerts 1 · not alerting",
            ],
            result.OutLines);
    }

    [Theory]
    [InlineData("%h %{SSL_PROTOCOL}x %{SSL_CIPHER}x \\\"%r\\\" %b")]
    [InlineData("%h %l %u \\\"%r\\\" %>s %b")]
    public async Task A_format_without_a_time_is_one_line_and_exit_2(string format)
    {
        var result = await CliRunner.RunAsync("check", Fixture("apache_ssl_request.log"), "--log-format", format);

        Assert.Equal((ExitCodes.Usage, "rxlog: --log-format: the format has no time field (Apache needs %t or %{format}t)\n", ""),
            (result.Code, result.Err, result.Out));
    }
}

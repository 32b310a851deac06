using RxLog.Tests.Support;

namespace RxLog.Tests.EndToEnd;

/// <summary>Issue 4 "Done when": every real log in <c>../shared/data</c> is recognised without a flag, with the hits and
/// invalid lines its SOURCE.txt leads one to expect.</summary>
public sealed class RealFormatsTests
{
    [Theory]
    [InlineData("elastic_apache_logs/apache_logs.gz", "Common/Combined Log Format", 10_000, 0)]
    [InlineData("nasa_ksc_aug95_head/NASA_access_log_Aug95_head", "Common/Combined Log Format", 1_841, 89)]   // torn lines
    [InlineData("monitorware_apache_2004/access_log", "Common/Combined Log Format", 1_535, 0)]
    [InlineData("nginx_elastic_head/nginx_logs_head999", "Common/Combined Log Format", 1_000, 0)]
    [InlineData("nginx_json_elastic_head/nginx_json_logs_head135.jsonl", "JSON lines", 135, 0)]
    [InlineData("iis_waikolai_2009_2011/u_ex_W3SVC20_all.log.gz", "W3C extended", 22_308, 0)]   // headers repeat mid-file
    [InlineData("iis_webknowit_2015_2016/u_ex_W3SVC1_all.log.gz", "W3C extended", 14_318, 0)]  // no sc-bytes
    [InlineData("lnav_test_logs/logfile_shop_access_log.0", "Common/Combined Log Format", 1_000, 0)]   // zanbil
    [InlineData("lnav_test_logs/logfile_cloudflare.json", "JSON lines", 1, 0)]
    [InlineData("lnav_test_logs/logfile_caddy_log.1", "JSON lines", 4, 0)]
    [InlineData("lnav_test_logs/logfile_caddy_log.0", "JSON lines", 4, 35)]   // Caddy's own messages are not hits
    [InlineData("lnav_test_logs/logfile_regexp_access_log.0", "Combined Log Format with virtual host", 2, 0)]
    public async Task A_real_log_is_recognised_without_a_flag(string log, string format, long hits, long invalid)
    {
        string path = RepoPaths.SharedData(log);

        var result = await CliRunner.RunAsync("check", path, "--json", "--threshold", "1000");

        Assert.Equal($"rxlog: {path}: {format} (detected; --format or --log-format to choose)\n", result.Err);
        var summary = result.Summary;
        Assert.Equal((format, hits, invalid), (summary.GetProperty("format").GetString(),
            summary.GetProperty("hits").GetInt64(), summary.GetProperty("invalid").GetInt64()));
    }
}

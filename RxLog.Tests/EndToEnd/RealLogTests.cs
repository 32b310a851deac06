using RxLog.Tests.Support;

namespace RxLog.Tests.EndToEnd;

/// <summary><c>check --json</c> on real and held-out logs agrees with an independent implementation of CONTRACT.md:
/// the two streams in <c>shared/data/expected/</c>, and <c>tools/reference/</c>'s Python reference for the rest.</summary>
public class RealLogTests
{
    [Theory]
    [InlineData("elastic_apache_logs/apache_logs.gz", "1.0", "expected/elastic_apache_logs.threshold-1.0.ndjson")]
    [InlineData("lnav_test_logs/logfile_shop_access_log.0", "5.0", "expected/zanbil_shop.threshold-5.0.ndjson")]
    public async Task Check_matches_the_shared_expected_events(string log, string threshold, string expected) =>
        await AssertMatches(RepoPaths.SharedData(log), threshold, RepoPaths.SharedData(expected), exitCode: 1);

    [Theory]
    [InlineData("elastic_apache_logs/apache_logs.gz", "1.0", "elastic_apache_logs.threshold-1.0.ndjson")]
    [InlineData("lnav_test_logs/logfile_shop_access_log.0", "5.0", "zanbil_shop.threshold-5.0.ndjson")]
    [InlineData("nasa_ksc_aug95_head/NASA_access_log_Aug95_head", "0.5", "nasa_ksc_aug95_head.threshold-0.5.ndjson")]
    [InlineData("monitorware_apache_2004/access_log", "0.2", "monitorware_apache_2004.threshold-0.2.ndjson")]
    public async Task Check_matches_the_reference_on_every_field_of_the_real_logs(string log, string threshold, string expected) =>
        await AssertMatches(RepoPaths.SharedData(log), threshold, RepoPaths.Repo($"tools/reference/expected/{expected}"), exitCode: 1);

    [Theory]
    [InlineData("h1_boundary_late.log", "0.5")]
    [InlineData("h2_gap_ist.log.gz", "1.0")]
    [InlineData("h3_equal_flap.log", "1.0")]
    [InlineData("h4_messy.log", "0.2")]
    public async Task Check_matches_the_reference_on_held_out_logs(string log, string threshold)
    {
        string stem = log[..log.IndexOf(".log", StringComparison.Ordinal)];
        await AssertMatches(RepoPaths.Repo($"tools/reference/heldout/{log}"), threshold,
            RepoPaths.Repo($"tools/reference/heldout/{stem}.threshold-{threshold}.ndjson"), exitCode: 1);
    }

    private static async Task AssertMatches(string log, string threshold, string expectedFile, int exitCode)
    {
        var (code, output, error) = await CliRunner.RunAsync("check", log, "--threshold", threshold, "--json");

        Assert.Equal("", CliResult.WithoutDetectionNotice(error));
        Assert.Null(EventStreams.FirstDifference(File.ReadAllText(expectedFile), output));
        Assert.Equal(exitCode, code);
    }
}

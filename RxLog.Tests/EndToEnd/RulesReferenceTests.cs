using RxLog.Tests.Support;

namespace RxLog.Tests.EndToEnd;

/// <summary><c>check --json --rules</c> on real and held-out logs raises and recovers every rule at the instants an
/// independent implementation of CONTRACT.md "Rules" finds (<c>tools/reference/contract.py --rules</c>): CONTRACT.md's
/// example rules file, and one rules file per log tuned so that a rate by section, a ratio by status, a silence and a
/// <c>for:</c> rule each raise and recover (<c>tools/reference/rules/</c>).</summary>
public class RulesReferenceTests
{
    /// <summary>Each log and the threshold its expected streams were made at (as in <see cref="RealLogTests"/>).</summary>
    private static readonly Dictionary<string, (string Log, string Threshold)> Logs = new()
    {
        ["elastic_apache_logs"] = (RepoPaths.SharedData("elastic_apache_logs/apache_logs.gz"), "1.0"),
        ["zanbil_shop"] = (RepoPaths.SharedData("lnav_test_logs/logfile_shop_access_log.0"), "5.0"),
        ["nasa_ksc_aug95_head"] = (RepoPaths.SharedData("nasa_ksc_aug95_head/NASA_access_log_Aug95_head"), "0.5"),
        ["monitorware_apache_2004"] = (RepoPaths.SharedData("monitorware_apache_2004/access_log"), "0.2"),
        ["h1_boundary_late"] = (RepoPaths.Repo("tools/reference/heldout/h1_boundary_late.log"), "0.5"),
        ["h2_gap_ist"] = (RepoPaths.Repo("tools/reference/heldout/h2_gap_ist.log.gz"), "1.0"),
        ["h3_equal_flap"] = (RepoPaths.Repo("tools/reference/heldout/h3_equal_flap.log"), "1.0"),
        ["h4_messy"] = (RepoPaths.Repo("tools/reference/heldout/h4_messy.log"), "0.2"),
    };

    /// <summary>Every log of <see cref="Logs"/>: each rules file is checked on all of them.</summary>
    public static TheoryData<string> Stems() => new(Logs.Keys);

    /// <summary>What rxlog says at the end about the example's latency rule on a log without response times.</summary>
    private const string LatencyNeverDecided = "rxlog: rules: slow: no line carried a response time";

    [Theory]
    [MemberData(nameof(Stems))]
    public async Task The_contracts_example_rules_alert_and_recover_when_the_reference_does(string stem)
    {
        var (problems, code) = await AssertMatches(stem, RepoPaths.Repo("tools/reference/rules/contract-example.yaml"),
            $"{stem}.contract-example.ndjson");

        Assert.All(problems.Split('\n', StringSplitOptions.RemoveEmptyEntries),
            line => Assert.StartsWith(LatencyNeverDecided, line, StringComparison.Ordinal));
        Assert.Equal(1, code);
    }

    [Theory]
    [MemberData(nameof(Stems))]
    public async Task Section_rates_status_ratios_silences_and_held_rules_alert_and_recover_when_the_reference_does(string stem)
    {
        var (problems, code) = await AssertMatches(stem, RepoPaths.Repo($"tools/reference/rules/per-log/{stem}.yaml"),
            $"{stem}.per-log.ndjson");

        Assert.Equal("", problems);
        Assert.Equal(1, code);
    }

    /// <summary>Runs <c>check LOG --threshold T --json --rules FILE</c> and asserts its events equal the expected stream
    /// in every field the reference writes (each alert's and recovery's rule, kind, value and labels included, and the
    /// summary's alerts per rule); returns stderr without the detection notice, and the exit code.</summary>
    private static async Task<(string Problems, int Code)> AssertMatches(string stem, string rules, string expected)
    {
        var (log, threshold) = Logs[stem];
        var result = await CliRunner.RunAsync("check", log, "--threshold", threshold, "--json", "--rules", rules);

        Assert.Null(EventStreams.FirstDifference(
            File.ReadAllText(RepoPaths.Repo($"tools/reference/rules/expected/{expected}")), result.Out));
        return (result.Problems, result.Code);
    }
}

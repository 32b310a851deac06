using System.Text;
using RxLog.Tests.Support;

namespace RxLog.Tests.Cli;

/// <summary><c>rxlog rules prometheus [FILE]</c> as a user meets it: the rules as a Prometheus alerting-rules file,
/// golden for the example and for a file of every kind; each rule the metrics cannot express is a comment and one
/// stderr line, and the exit is still 0; a bad file is one line and exit 2. Prometheus itself checks and tests these
/// files in tools/prometheus-rules-harness.sh.</summary>
public sealed class RulesPrometheusTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Write(string name, string text) => _dir.Write(name, text);

    private const string Header =
        "# Prometheus alerting rules written by `rxlog rules prometheus` (docs/prometheus.md): each expression sums\n"
        + "# the rxlog_* metrics of every host whose rxlog serves them with --listen.\n"
        + "groups:\n  - name: rxlog\n";

    [Fact]
    public async Task The_example_rules_export_as_the_golden_file()
    {
        var result = await CliRunner.RunAsync("rules", "prometheus", RepoPaths.Repo("examples/rules.yaml"));

        Assert.Equal((0, ""), (result.Code, result.Err));
        Assert.Equal(File.ReadAllText(RepoPaths.Repo("examples/rules.prometheus.yml")), result.Out);
    }

    [Fact]
    public async Task Every_kind_exports_as_the_golden_file_and_each_rule_left_out_is_one_stderr_line()
    {
        var result = await CliRunner.RunAsync("rules", "prometheus", RepoPaths.Repo("tools/prometheus/kinds.yaml"));

        Assert.Equal(0, result.Code);
        Assert.Equal(File.ReadAllText(RepoPaths.Repo("tools/prometheus/kinds.expected.yml")), result.Out);
        Assert.Equal(
        [
            "rxlog: not_found: not expressible in Prometheus (status 404 is a code: rxlog_requests_total counts status classes only); left out as a comment",
            "rxlog: informational: not expressible in Prometheus (status 1xx: rxlog_requests_total counts it in status_class=\"other\", with records that have no status); left out as a comment",
            "rxlog: api_errors: not expressible in Prometheus (a section and a status together: rxlog_section_requests_total has no status label); left out as a comment",
            "rxlog: api_slow: not expressible in Prometheus (a scoped latency rule: rxlog_request_duration_seconds has no section or status label); left out as a comment",
            "rxlog: one_client: not expressible in Prometheus (a client scope: rxlog's metrics have no per-client series); left out as a comment",
            "rxlog: nginx_quiet: not expressible in Prometheus (a source scope: rxlog's metrics have no per-source series; with one rxlog per host, its instance label says which host); left out as a comment",
        ], result.ErrLines);
    }

    [Fact]
    public async Task Without_a_file_the_built_in_rule_comes_from_threshold_and_window()
    {
        var result = await CliRunner.RunAsync("rules", "prometheus", "--threshold", "2.5", "--window", "90s");

        Assert.Equal((0, ""), (result.Code, result.Err));
        Assert.Equal(Header + """
                rules:
                  - alert: high_traffic
                    expr: "sum(rate(rxlog_requests_total[1m30s])) > 2.5"
                    annotations:
                      description: "rxlog rule high_traffic (built-in): alert when hits to the site average more than 2.5/s over 1m30s. Prometheus sees it through rate() over scraped counters, which approximates rxlog's exact window."

            """, result.Out);
    }

    [Fact]
    public async Task A_built_in_rule_turned_off_is_not_exported_and_a_file_of_only_rules_left_out_is_an_empty_list()
    {
        string rules = Write("rules.yaml", "rules:\n  - {name: high_traffic, off: true}\n  - {name: bot, rate: 1, client: 10.0.0.1}\n");

        var result = await CliRunner.RunAsync("rules", "prometheus", rules);

        Assert.Equal(0, result.Code);
        Assert.Equal(Header + """
                rules: []
                  # not expressible: bot: a client scope: rxlog's metrics have no per-client series

            """, result.Out);
        Assert.Single(result.ErrLines);
    }

    [Fact]
    public async Task A_bad_rules_file_is_one_line_and_exit_2_with_nothing_on_stdout()
    {
        string rules = Write("rules.yaml", "rules:\n  - {name: slow, latency: 250ms, percentile: 101}\n");

        var result = await CliRunner.RunAsync("rules", "prometheus", rules);

        Assert.Equal((2, ""), (result.Code, result.Out));
        Assert.Equal([$"rxlog: {rules}:2:46: percentile: must be above 0 and at most 100, got 101"], result.ErrLines);
    }

    [Fact]
    public async Task A_missing_rules_file_is_one_line_and_exit_2()
    {
        var result = await CliRunner.RunAsync("rules", "prometheus", _dir.File("nope.yaml"));

        Assert.Equal((2, ""), (result.Code, result.Out));
        Assert.Single(result.ErrLines);
        Assert.StartsWith($"rxlog: {_dir.File("nope.yaml")}: cannot read it:", result.ErrLines[0]);
    }
}

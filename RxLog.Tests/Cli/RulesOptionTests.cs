using System.Text;
using RxLog.Tests.Support;

namespace RxLog.Tests.Cli;

/// <summary><c>--rules FILE</c> and <c>rxlog rules check</c> as a user meets them: a bad file stops the run before
/// anything is read, with one line and exit 2; a good one fires its rules in every format of output and sets the exit
/// code; the number of parsing threads changes nothing.</summary>
public sealed class RulesOptionTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Write(string name, string text) => _dir.Write(name, text);

    private static string Burst => RepoPaths.Repo("examples/burst.log");
    private static string ExampleRules => RepoPaths.Repo("examples/rules.yaml");

    [Fact]
    public async Task A_misspelled_key_is_one_line_naming_file_line_and_column_and_nothing_is_read()
    {
        string rules = Write("rules.yaml", "rules:\n  - name: api_hot\n    rate: 5\n    sectoin: /api\n");

        var result = await CliRunner.RunAsync("check", Burst, "--rules", rules);

        Assert.Equal(2, result.Code);
        Assert.Equal("", result.Out);
        Assert.Equal([$"rxlog: {rules}:4:5: unknown key 'sectoin' (did you mean 'section'?)"], result.ErrLines);
    }

    [Fact]
    public async Task A_missing_rules_file_is_one_line_and_exit_2()
    {
        var result = await CliRunner.RunAsync("check", Burst, "--rules", _dir.File("nope.yaml"));

        Assert.Equal(2, result.Code);
        Assert.Single(result.ErrLines);
        Assert.StartsWith($"rxlog: {_dir.File("nope.yaml")}: cannot read it: ", result.ErrLines[0]);
    }

    [Fact]
    public async Task A_rule_that_fires_makes_check_exit_1_even_when_the_built_in_rule_does_not()
    {
        string rules = Write("rules.yaml", "rules:\n  - {name: api_hot, rate: 0.5, window: 1m, section: /api}\n");

        var result = await CliRunner.RunAsync("check", Burst, "--rules", rules);

        Assert.Equal(1, result.Code);
        Assert.Contains("api_hot generated an alert - hits = 0.52/s, triggered at 2026-01-01T00:01:38+00:00", result.OutLines);
        Assert.Equal("  alerts by rule: high_traffic 0 · api_hot 2", result.OutLines[^1]);
    }

    [Fact]
    public async Task A_rule_scoped_to_the_checked_file_counts_its_lines_and_one_scoped_to_another_says_it_counted_none()
    {
        // The same rule as above, by the checked file's path as given and by a glob on its absolute path.
        string rules = Write("rules.yaml",
            "rules:\n  - {name: api_hot, rate: 0.5, window: 1m, section: /api, source: " + Burst + "}\n"
            + "  - {name: by_glob, rate: 0.5, window: 1m, section: /api, source: \"/*/burst.log\"}\n"
            + "  - {name: elsewhere, rate: 0.5, window: 1m, section: /api, source: other.log}\n");

        var result = await CliRunner.RunAsync("check", Burst, "--rules", rules);

        Assert.Equal(1, result.Code);
        Assert.Contains("api_hot generated an alert - hits = 0.52/s, triggered at 2026-01-01T00:01:38+00:00", result.OutLines);
        Assert.Contains("by_glob generated an alert - hits = 0.52/s, triggered at 2026-01-01T00:01:38+00:00", result.OutLines);
        Assert.Equal("  alerts by rule: high_traffic 0 · api_hot 2 · by_glob 2 · elsewhere 0", result.OutLines[^1]);
        Assert.Equal([$"rxlog: rules: elsewhere: source other.log is not {Burst}, the input of this run, so this rule counted no hit"],
            result.ErrLines.Where(l => l.Contains("rules:")));
    }

    [Fact]
    public async Task A_rule_that_never_fires_leaves_the_exit_code_at_0()
    {
        string rules = Write("rules.yaml", "rules:\n  - {name: never, rate: 1000, section: /api}\n");

        var result = await CliRunner.RunAsync("check", Burst, "--rules", rules);

        Assert.Equal(0, result.Code);
    }

    [Fact]
    public async Task Json_events_name_the_rule_its_kind_value_and_labels_and_the_summary_counts_per_rule()
    {
        var result = await CliRunner.RunAsync("check", Burst, "--rules", ExampleRules, "--json");

        var apiAlert = result.OutLines.Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement)
            .First(e => e.GetProperty("type").GetString() == "alert" && e.GetProperty("rule").GetString() == "api_hot");
        Assert.Equal(("rate", 0.5, 60, "api"), (apiAlert.GetProperty("kind").GetString(), apiAlert.GetProperty("threshold").GetDouble(),
            apiAlert.GetProperty("window").GetInt32(), apiAlert.GetProperty("labels").GetProperty("team").GetString()));
        var builtIn = result.OutLines.Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement)
            .First(e => e.GetProperty("type").GetString() == "alert" && e.GetProperty("rule").GetString() == "high_traffic");
        Assert.Equal("page", builtIn.GetProperty("labels").GetProperty("severity").GetString());
        Assert.Equal(
            """[{"rule":"high_traffic","alerts":1,"alerting":false},{"rule":"api_hot","alerts":2,"alerting":false},{"rule":"server_errors","alerts":1,"alerting":false},{"rule":"cart_quiet","alerts":2,"alerting":false}]""",
            result.Summary.GetProperty("rules").GetRawText());
        Assert.Equal(6, result.Summary.GetProperty("alerts").GetInt32());
    }

    [Fact]
    public async Task Rules_give_the_same_output_on_one_thread_and_on_several()
    {
        var one = await CliRunner.RunAsync("check", Burst, "--rules", ExampleRules, "--json", "--threads", "1");
        var three = await CliRunner.RunAsync("check", Burst, "--rules", ExampleRules, "--json", "--threads", "3");

        Assert.Equal(1, one.Code);
        Assert.Equal(one.Out, three.Out);
    }

    [Fact]
    public async Task A_latency_rule_on_a_log_without_response_times_says_so_once()
    {
        string rules = Write("rules.yaml", "rules:\n  - {name: slow, latency: 250ms}\n");

        var result = await CliRunner.RunAsync("check", Burst, "--rules", rules);

        Assert.Equal(0, result.Code);
        Assert.Equal(
            "rxlog: rules: slow: no line carried a response time, so this latency rule never decided (see docs/formats.md for the fields that carry one)\n",
            result.Problems);
    }

    [Fact]
    public async Task Rules_check_reports_the_first_problem_with_exit_2()
    {
        string rules = Write("rules.yaml", "rules:\n  - {name: slow, latency: 250ms, percentile: 101}\n");

        var result = await CliRunner.RunAsync("rules", "check", rules);

        Assert.Equal(2, result.Code);
        Assert.Equal([$"rxlog: {rules}:2:46: percentile: must be above 0 and at most 100, got 101"], result.ErrLines);
    }

    [Fact]
    public async Task A_hostile_section_in_a_rule_never_reaches_the_terminal_raw()
    {
        string rules = Write("rules.yaml", "rules:\n  - {name: x, rate: 1, section: \"/a\\e]0;pwned\\a*\"}\n");

        var result = await CliRunner.RunAsync("rules", "check", rules);

        Assert.Equal(0, result.Code);
        Assert.DoesNotContain('\u001b', result.Out);
        Assert.DoesNotContain('\a', result.Out);
    }
}

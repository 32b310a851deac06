using RxLog.Aggregation;
using RxLog.Alerting.Rules;

namespace RxLog.Tests.Alerting.Rules;

/// <summary>Reading a rules file: CONTRACT.md's example as written, and every way a file can be unusable as one error
/// naming the line and column (what the user sees after <c>rxlog: rules.yaml:</c>).</summary>
public class RulesFileTests
{
    private static RuleSet Read(string yaml) => RulesFile.Read(new StringReader(yaml), threshold: 10, window: 120);

    private static string Problem(string yaml)
    {
        var error = Assert.Throws<RulesFileException>(() => Read(yaml));
        return $"{error.Line}:{error.Column}: {error.Message}";
    }

    private const string ContractExample = """
        rules:
          - name: api_hot            # [a-z0-9_]+, unique
            rate: 5                  # hits/s averaged over the window: > raises, < recovers
            window: 1m               # default: --window
            section: /api            # scope
          - name: errors
            ratio: 0.05              # matching hits / all hits in the window
            status: 5xx
            min_hits: 100
          - name: slow
            latency: 250ms
            percentile: 95
          - name: checkout_quiet
            silence: 10m
            section: /checkout
            for: 30s
            labels: {severity: page}
            summary: Checkout has had no traffic for 10 minutes
        """;

    [Fact]
    public void The_contract_example_reads_as_written()
    {
        var rules = Read(ContractExample);

        Assert.Equal(
        [
            new AlertRule("api_hot", RuleKind.Rate, 5, 60, new RuleScope("/api")),
            new AlertRule("errors", RuleKind.Ratio, 0.05, 120, new RuleScope(Status: new StatusMatch(5, true)), MinHits: 100),
            new AlertRule("slow", RuleKind.Latency, 250_000, 120, RuleScope.All),
        ], rules.Rules.Take(3));
        var quiet = rules.Rules[3];
        Assert.Equal((RuleKind.Silence, 600, 600.0, 30, "Checkout has had no traffic for 10 minutes"),
            (quiet.Kind, quiet.WindowSeconds, quiet.Threshold, quiet.ForSeconds, quiet.Summary));
        Assert.Equal([new KeyValuePair<string, string>("severity", "page")], quiet.LabelList);
        Assert.Null(rules.HighTraffic);
        Assert.False(rules.HighTrafficOff);
        Assert.True(rules.NeedsRecords);
    }

    [Fact]
    public void The_built_in_rule_is_redefined_or_turned_off_by_name()
    {
        var redefined = Read("rules:\n  - {name: high_traffic, rate: 3, window: 30s, labels: {team: web}}\n");
        var off = Read("rules:\n  - {name: high_traffic, off: true}\n");

        Assert.Equal((3.0, 30), (redefined.HighTraffic!.Threshold, redefined.HighTraffic.WindowSeconds));
        Assert.Empty(redefined.Rules);
        Assert.True(off.HighTrafficOff);
    }

    [Fact]
    public void Ratios_read_as_fractions_or_percentages_and_latencies_in_any_unit()
    {
        var rules = Read("""
            rules:
              - {name: a, ratio: 5%, status: 404}
              - {name: b, latency: 1.5s}
              - {name: c, latency: 800us}
            """);

        Assert.Equal([0.05, 1_500_000, 800], rules.Rules.Select(r => r.Threshold));
        Assert.Equal(new StatusMatch(404, false), rules.Rules[0].Scope.Status);
    }

    [Theory]
    [InlineData("rules:\n  - name: a\n    rate: 5\n    windw: 1m\n", "4:5: unknown key 'windw' (did you mean 'window'?)")]
    [InlineData("rules:\n  - name: a\n    rate: 5\n    colour: red\n",
        "4:5: unknown key 'colour' (known: name, rate, ratio, latency, silence, window, section, status, client, source, min_hits, percentile, for, labels, summary, off)")]
    [InlineData("rulez:\n  - name: a\n", "1:1: unknown key 'rulez' (did you mean 'rules'?)")]
    [InlineData("", "1:1: empty: expected 'rules:' and a list of rules")]
    [InlineData("# only a comment\n", "1:1: empty: expected 'rules:' and a list of rules")]
    [InlineData("just text\n", "1:1: expected 'rules:' and a list of rules")]
    [InlineData("rules:\n\t- name: a\n", "2:1: a tab in the indentation: YAML indents with spaces")]
    [InlineData("rules: [a, b\n", "2:1: not valid YAML: While parsing a flow sequence, did not find expected ',' or ']'")]
    [InlineData("rules:\n  - name: a\n", "2:5: rule 'a' needs one of rate, ratio, latency or silence")]
    [InlineData("rules:\n  - name: a\n    rate: 5\n    silence: 1m\n", "4:14: rule 'a' has both rate and silence: one kind per rule")]
    [InlineData("rules:\n  - rate: 5\n", "2:5: a rule without a name")]
    [InlineData("rules:\n  - {name: Api, rate: 5}\n", "2:12: name: 'Api' must be lower-case letters, digits and _")]
    [InlineData("rules:\n  - {name: a, rate: 5}\n  - {name: a, rate: 6}\n", "3:12: name: 'a' is already the name of a rule above")]
    [InlineData("rules:\n  - {name: a, rate: 5, window: 0}\n", "2:32: window: expected a duration from 1 s to 24h like 30, 90s, 2m or 1m30s, got '0'")]
    [InlineData("rules:\n  - {name: a, rate: 5, window: -1m}\n", "2:32: window: expected a duration from 1 s to 24h like 30, 90s, 2m or 1m30s, got '-1m'")]
    [InlineData("rules:\n  - {name: a, rate: -1}\n", "2:21: rate: must be 0 or more, got -1")]
    [InlineData("rules:\n  - {name: a, rate: lots}\n", "2:21: rate: expected a number, got 'lots'")]
    [InlineData("rules:\n  - {name: a, latency: 250}\n", "2:24: latency: expected a time with its unit like 250ms, 1.5s or 800us, got '250'")]
    [InlineData("rules:\n  - {name: a, latency: 250ms, percentile: 0}\n", "2:43: percentile: must be above 0 and at most 100, got 0")]
    [InlineData("rules:\n  - {name: a, latency: 250ms, percentile: 100.5}\n", "2:43: percentile: must be above 0 and at most 100, got 100.5")]
    [InlineData("rules:\n  - {name: a, ratio: 1.5, status: 5xx}\n", "2:22: ratio: must be at least 0 and below 1 (0.05 or 5%), got '1.5'")]
    [InlineData("rules:\n  - {name: a, ratio: 0.1}\n", "2:22: ratio: a ratio rule needs a scope (section, status, client or source): with none every hit matches")]
    [InlineData("rules:\n  - {name: a, rate: 1, section: api*}\n", "2:33: section: 'api*' cannot match: sections start with / (like /api) or are absolute URIs")]
    [InlineData("rules:\n  - {name: a, rate: 1, section: /api/v1}\n",
        "2:33: section: '/api/v1' cannot match: a section ends before the path's second / (/pages/create counts as /pages)")]
    [InlineData("rules:\n  - {name: a, rate: 1, status: 5x}\n", "2:32: status: expected a code like 404 or a class like 5xx, got '5x'")]
    [InlineData("rules:\n  - {name: a, rate: 1, min_hits: 5}\n", "2:34: min_hits: only ratio and latency rules take it")]
    [InlineData("rules:\n  - {name: a, silence: 1m, window: 2m}\n", "2:36: window: a silence rule's window is its duration; remove window")]
    [InlineData("rules:\n  - {name: a, rate: 1, labels: {__x: y}}\n", "2:33: labels: '__x' is not a label name (letters, digits and _, not starting with a digit or __)")]
    [InlineData("rules:\n  - {name: a, rate: 1, off: true}\n", "2:29: off: only the built-in high_traffic rule can be turned off (delete the rule instead)")]
    [InlineData("rules:\n  - {name: high_traffic, rate: 1, section: /api}\n",
        "2:44: section: the built-in high_traffic rule takes only rate, window, labels, summary or off (give other scopes and kinds a rule of their own)")]
    [InlineData("rules:\n  - name: a\n    name: b\n", "3:5: 'name' given twice in one rule")]
    [InlineData("rules: &r\n  - *r\n", "1:8: anchors and aliases are not supported in a rules file")]
    [InlineData("rules:\n  - {name: a, rate: 1}\n---\nrules: []\n", "4:1: one YAML document only (found a second after ---)")]
    public void A_file_that_cannot_be_used_is_one_error_with_line_and_column(string yaml, string expected)
    {
        Assert.Equal(expected, Problem(yaml));
    }

    [Fact]
    public void Hostile_text_in_an_error_is_shown_without_control_characters()
    {
        string problem = Problem("rules:\n  - {name: a, rate: 1, section: \"\\e[31m/x/y\"}\n");

        Assert.DoesNotContain('\u001b', problem);
        Assert.StartsWith("2:33: section: '", problem);
    }

    [Fact]
    public void A_missing_file_is_a_one_line_error_naming_it()
    {
        Assert.False(RulesFile.TryLoad("/nonexistent/rules.yaml", 10, 120, out _, out var error));
        Assert.StartsWith("/nonexistent/rules.yaml: cannot read it: ", error);
        Assert.DoesNotContain('\n', error!);
    }
}

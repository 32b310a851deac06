using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using RxLog.Pipeline;
using RxLog.Rendering.Verdicts;
using RxLog.Tests.Support;

namespace RxLog.Tests.Rendering.Verdicts;

/// <summary>What CI systems are told after <c>check</c>: JUnit XML that validates against the dialect they read, one test
/// case per rule with each alert and recovery listed; GitHub annotations and a step summary, escaped as the runner
/// expects; all of it from a real run of the command line.</summary>
public sealed class CiVerdictTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string Burst => RepoPaths.Repo("examples/burst.log");
    private static string Rules => RepoPaths.Repo("examples/rules.yaml");

    private static XDocument Validated(string path)
    {
        var schemas = new XmlSchemaSet();
        schemas.Add(null, RepoPaths.Repo("RxLog.Tests/Rendering/Verdicts/junit.xsd"));
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = schemas };
        var problems = new List<string>();
        settings.ValidationEventHandler += (_, e) => problems.Add($"{e.Severity}: {e.Message}");
        using (var reader = XmlReader.Create(path, settings))
            while (reader.Read()) { }
        Assert.Empty(problems);
        return XDocument.Load(path);
    }

    [Fact]
    public async Task Junit_has_one_test_case_per_rule_and_a_failure_listing_each_alert_and_recovery_of_a_rule_that_fired()
    {
        string junit = _dir.File("rxlog.xml");
        string rules = _dir.File("rules.yaml");
        File.WriteAllText(rules, "rules:\n  - {name: api_hot, rate: 0.5, window: 1m, section: /api}\n  - {name: never, rate: 100}\n");

        var result = await CliRunner.RunAsync("check", Burst, "--rules", rules, "--junit", junit, "--threshold", "3");

        Assert.Equal(1, result.Code);
        var suite = Validated(junit).Root!.Element("testsuite")!;
        Assert.Equal((Burst, "3", "2"), (suite.Attribute("name")!.Value, suite.Attribute("tests")!.Value, suite.Attribute("failures")!.Value));
        var cases = suite.Elements("testcase").ToList();
        Assert.Equal(["high_traffic", "api_hot", "never"], cases.Select(c => c.Attribute("name")!.Value));
        Assert.Null(cases[2].Element("failure"));
        var failure = cases[1].Element("failure")!;
        Assert.Equal("api_hot: 2 alerts", failure.Attribute("message")!.Value);
        Assert.Equal(
        [
            "api_hot generated an alert - hits = 0.52/s, triggered at 2026-01-01T00:01:38+00:00",
            "api_hot alert recovered - hits = 0.45/s, recovered at 2026-01-01T00:01:49+00:00, after 11s",
            "api_hot generated an alert - hits = 0.57/s, triggered at 2026-01-01T00:03:08+00:00",
            "api_hot alert recovered - hits = 0.48/s, recovered at 2026-01-01T00:06:51+00:00, after 3m43s",
        ], failure.Value.Split('\n'));
        Assert.Equal("1506", suite.Descendants("property").Single(p => p.Attribute("name")!.Value == "hits").Attribute("value")!.Value);
    }

    [Fact]
    public async Task Junit_of_a_quiet_run_passes_and_exit_is_0()
    {
        string junit = _dir.File("rxlog.xml");

        var result = await CliRunner.RunAsync("check", Burst, "--junit", junit);

        Assert.Equal(0, result.Code);
        var suite = Validated(junit).Root!.Element("testsuite")!;
        Assert.Equal("0", suite.Attribute("failures")!.Value);
        Assert.Equal("high_traffic", Assert.Single(suite.Elements("testcase")).Attribute("name")!.Value);
    }

    [Fact]
    public async Task A_hostile_input_name_still_gives_valid_xml()
    {
        string log = _dir.File("a\u001b[2J<&\"'>.log");
        File.Copy(Burst, log);
        string junit = _dir.File("rxlog.xml");

        await CliRunner.RunAsync("check", log, "--junit", junit, "--threshold", "3");

        var suite = Validated(junit).Root!.Element("testsuite")!;
        Assert.EndsWith(@"a\x1b[2J<&""'>.log", suite.Attribute("name")!.Value);
    }

    [Fact]
    public async Task An_unwritable_junit_file_is_one_line_and_exit_2_after_the_summary()
    {
        var result = await CliRunner.RunAsync("check", Burst, "--junit", _dir.File("no/such/dir/rxlog.xml"));

        Assert.Equal(2, result.Code);
        Assert.StartsWith("Summary: ", result.OutLines[^1]);
        Assert.StartsWith($"rxlog: --junit: cannot write '{_dir.File("no/such/dir/rxlog.xml")}': ", Assert.Single(result.Problems.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }

    [Fact]
    public async Task Under_github_actions_each_alert_is_an_error_annotation_on_stderr_and_json_stdout_stays_pure()
    {
        var env = new Dictionary<string, string> { ["GITHUB_ACTIONS"] = "true" };

        var result = await CliRunner.RunAsync(["check", Burst, "--rules", Rules, "--json"], env: env);

        var annotations = result.ErrLines.Where(l => l.StartsWith("::", StringComparison.Ordinal)).ToList();
        Assert.Equal(6, annotations.Count(l => l.StartsWith("::error ", StringComparison.Ordinal)));
        Assert.Equal("::error title=rxlog%3A cart_quiet alert::" + Burst
                     + ": cart_quiet generated an alert - no hits for 1m0s, triggered at 2026-01-01T00:01:15+00:00", annotations[0]);
        Assert.Contains(annotations, l => l.EndsWith("ratio = 4.9%25 (4 of 82), triggered at 2026-01-01T00:01:34+00:00", StringComparison.Ordinal));
        Assert.Equal($"::notice title=rxlog check {Burst}::1506 hits, 0 invalid, 6 alerts", annotations[^1]);
        Assert.All(result.OutLines, l => Assert.StartsWith("{", l));
    }

    [Fact]
    public async Task Annotations_can_be_asked_for_or_turned_off_whatever_the_environment()
    {
        var asked = await CliRunner.RunAsync("check", Burst, "--threshold", "3", "--annotations", "github");
        var off = await CliRunner.RunAsync(["check", Burst, "--threshold", "3", "--annotations", "none"],
            env: new Dictionary<string, string> { ["GITHUB_ACTIONS"] = "true" });

        Assert.Contains(asked.ErrLines, l => l.StartsWith("::error title=rxlog%3A high_traffic alert::", StringComparison.Ordinal));
        Assert.DoesNotContain(off.ErrLines, l => l.StartsWith("::", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_step_summary_is_appended_as_a_markdown_table_of_the_rules()
    {
        string summary = _dir.File("step-summary.md");
        File.WriteAllText(summary, "earlier step\n");

        await CliRunner.RunAsync(["check", Burst, "--rules", Rules], env: new Dictionary<string, string> { ["GITHUB_STEP_SUMMARY"] = summary });

        string[] lines = File.ReadAllLines(summary);
        Assert.Equal("earlier step", lines[0]);
        Assert.Equal($"### rxlog check `{Burst}`: 4 rules fired", lines[1]);
        Assert.Contains("| api_hot | 2 | ok | 2026-01-01T00:01:38+00:00 |", lines);
    }

    [Fact]
    public async Task What_docs_ci_md_shows_is_what_a_run_writes()
    {
        string junit = _dir.File("rxlog.xml");
        string stepSummary = _dir.File("summary.md");
        var env = new Dictionary<string, string> { ["GITHUB_ACTIONS"] = "true", ["GITHUB_STEP_SUMMARY"] = stepSummary };

        var result = await CliRunner.RunAsync(["check", Burst, "--rules", Rules, "--junit", junit], env: env);

        string Shown(string text) => text.Replace(Burst, "examples/burst.log", StringComparison.Ordinal);
        var written = Shown(result.Err).Split('\n').Concat(Shown(File.ReadAllText(junit)).Split('\n'))
            .Concat(Shown(File.ReadAllText(stepSummary)).Split('\n')).Select(l => l.TrimEnd()).ToHashSet();
        string[] page = File.ReadAllLines(RepoPaths.Repo("docs/ci.md"));
        int start = Array.IndexOf(page, "```xml"), end = Array.IndexOf(page, "## GitHub Actions");
        var quoted = page[start..end].Where(l => !l.StartsWith("```", StringComparison.Ordinal) && l.Trim() is not ("…" or "")
            && !l.StartsWith("The same run", StringComparison.Ordinal) && !l.StartsWith("and to the step", StringComparison.Ordinal)
            && !l.StartsWith("(`%3A`", StringComparison.Ordinal)).ToList();

        Assert.True(quoted.Count > 20);
        Assert.All(quoted, line => Assert.Contains(line.TrimEnd(), written));
    }

    [Fact]
    public void Annotation_text_escapes_what_the_runner_would_read_as_a_new_command()
    {
        var summary = new RunSummary(DateTimeOffset.UnixEpoch, null, null, 1, 0, 1, false, null);
        var verdict = CheckVerdict.Of("x%\n::error::y", summary,
            [new AlertEntry("high_traffic", true, DateTimeOffset.UnixEpoch, "line 100%\r\n::warning::z")]);
        var output = new StringWriter();

        GitHubVerdict.WriteAnnotations(output, verdict);

        string[] lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.DoesNotContain('\r', lines[0]);
        Assert.Contains("line 100%25", lines[0]);
    }
}

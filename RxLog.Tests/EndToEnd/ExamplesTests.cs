using RxLog.Tests.Support;

namespace RxLog.Tests.EndToEnd;

/// <summary>Every <c>examples/NAME.log</c> through <c>check</c> gives exactly <c>NAME.expected.txt</c> and
/// <c>NAME.expected.ndjson</c>, with the exit code and options in <c>NAME.args</c>, so the README cannot rot (DocsTests
/// replays the transcripts of README.md and docs/ themselves).</summary>
public class ExamplesTests
{
    public static TheoryData<string> Examples()
    {
        var data = new TheoryData<string>();
        foreach (var args in Directory.GetFiles(RepoPaths.Repo("examples"), "*.args").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileNameWithoutExtension(args));
        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task Check_prints_the_expected_report_text(string name) =>
        await AssertGolden(name, json: false, $"{name}.expected.txt");

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task Check_json_prints_the_expected_events(string name) =>
        await AssertGolden(name, json: true, $"{name}.expected.ndjson");

    [Fact]
    public void There_are_examples_of_normal_traffic_a_burst_and_a_damaged_log() =>
        Assert.Equal(new[] { "burst", "damaged", "normal" },
            Directory.GetFiles(RepoPaths.Repo("examples"), "*.args").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal));

    private static async Task AssertGolden(string name, bool json, string expectedFile)
    {
        var lines = File.ReadAllLines(RepoPaths.Repo($"examples/{name}.args"));
        int expectedExit = int.Parse(lines.Single(l => l.StartsWith("# exit: ", StringComparison.Ordinal))["# exit: ".Length..]);
        var options = lines.Where(l => !l.StartsWith('#')).SelectMany(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        var args = new[] { "check", RepoPaths.Repo($"examples/{name}.log") }.Concat(options).Concat(json ? new[] { "--json" } : []);

        var (code, output, error) = await CliRunner.RunAsync(args.ToArray());

        Assert.Equal("", CliResult.WithoutDetectionNotice(error));
        Assert.Equal(File.ReadAllText(RepoPaths.Repo($"examples/{expectedFile}")), output);
        Assert.Equal(expectedExit, code);
    }
}

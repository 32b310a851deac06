using RxLog.Tests.Support;

namespace RxLog.Tests.EndToEnd;

/// <summary>The same traffic gives the same reports and alerts whatever format it was written in.</summary>
public sealed class CrossFormatTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Nginx_json_lines_give_exactly_the_events_of_the_same_requests_in_clf()
    {
        string clf = _dir.File("nginx135.log");
        File.WriteAllLines(clf, File.ReadLines(RepoPaths.SharedData("nginx_elastic_head/nginx_logs_head999")).Take(135));
        string json = RepoPaths.SharedData("nginx_json_elastic_head/nginx_json_logs_head135.jsonl");

        var fromClf = await CliRunner.RunAsync("check", clf, "--threshold", "0.5", "--json");
        var fromJson = await CliRunner.RunAsync("check", json, "--threshold", "0.5", "--json");

        Assert.Contains("\"type\":\"alert\"", fromClf.Out);
        Assert.Equal((fromClf.Code, Events(fromClf.Out), ""), (fromJson.Code, Events(fromJson.Out), fromJson.Problems));
    }

    /// <summary>The events of a <c>--json</c> run without the summary's <c>format</c>, which names the format read.</summary>
    private static string Events(string output) =>
        System.Text.RegularExpressions.Regex.Replace(output, ",\"format\":\"[^\"]*\"", "");
}

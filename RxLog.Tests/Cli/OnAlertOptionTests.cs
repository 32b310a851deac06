using RxLog.Tests.Support;

namespace RxLog.Tests.Cli;

/// <summary><c>--on-alert CMD</c> as a user meets it: <c>check</c> replays history, so it runs hooks only with
/// <c>--notify</c>; when it does, the command gets each alert and recovery as <c>--json</c> writes it, and the run
/// ends by saying what was delivered, with the check's own verdict.</summary>
public sealed class OnAlertOptionTests : IDisposable
{
    private static string Burst => RepoPaths.Repo("examples/burst.log");
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Check_runs_the_hook_only_with_notify_and_says_so_without_it()
    {
        string received = _dir.File("received.ndjson");

        var result = await CliRunner.RunAsync("check", Burst, "--threshold", "3", "--on-alert", $"cat >> '{received}'");

        Assert.Equal(1, result.Code);
        Assert.False(File.Exists(received));
        Assert.Contains("rxlog: check replays history, so it notifies (--on-alert, --webhook, --slack, --alertmanager) only with --notify", result.ErrLines);
    }

    [Fact]
    public async Task With_notify_each_alert_and_recovery_reaches_every_hook_as_json_wrote_it_and_the_run_says_so()
    {
        string first = _dir.File("first.ndjson"), second = _dir.File("second.ndjson");

        var result = await CliRunner.RunAsync("check", Burst, "--threshold", "3", "--json", "--notify",
            "--on-alert", $"cat >> '{first}'", "--on-alert", $"cat >> '{second}'; exit 4");

        Assert.Equal(1, result.Code);
        var alerts = result.OutLines.Where(l => l.StartsWith("{\"type\":\"alert\"") || l.StartsWith("{\"type\":\"recovered\"")).ToList();
        Assert.Equal(2, alerts.Count);
        Assert.Equal(alerts, File.ReadAllLines(first));
        Assert.Equal(alerts, File.ReadAllLines(second));
        string hook = $"cat >> '{first}'";
        Assert.Contains($"rxlog: notifications: hook '{hook[..39]}…': 2 delivered, 0 failed, 0 dropped", result.ErrLines);
        Assert.Contains(result.ErrLines, l => l.EndsWith("': 0 delivered, 2 failed, 0 dropped"));
        Assert.Contains(result.ErrLines, l => l.Contains("alert high_traffic at 2026-01-01T00:03:53+00:00 not delivered: exited 4"));
    }

    [Fact]
    public async Task With_notify_the_webhook_gets_the_json_and_slack_the_line_and_the_run_counts_both()
    {
        await using var receiver = new WebhookReceiver();

        var result = await CliRunner.RunAsync("check", Burst, "--threshold", "3", "--json", "--notify",
            "--webhook", receiver.Url + "/generic", "--slack", receiver.Url + "/slack/T0/B0/SECRET");

        Assert.Equal(1, result.Code);
        var alerts = result.OutLines.Where(l => l.StartsWith("{\"type\":\"alert\"") || l.StartsWith("{\"type\":\"recovered\"")).ToList();
        Assert.Equal(alerts, receiver.Received.Where(r => r.Path == "/generic").Select(r => r.Body));
        var slack = receiver.Received.Where(r => r.Path.StartsWith("/slack/")).Select(r => r.Body).ToList();
        Assert.Equal(2, slack.Count);
        Assert.StartsWith("{\"text\":\"High traffic generated an alert - hits = ", slack[0]);
        Assert.Contains($"rxlog: notifications: webhook {receiver.Url}/…: 2 delivered, 0 failed, 0 dropped", result.ErrLines);
        Assert.Contains($"rxlog: notifications: slack {receiver.Url}/…: 2 delivered, 0 failed, 0 dropped", result.ErrLines);
        Assert.DoesNotContain("SECRET", result.Err);
    }

    [Theory]
    [InlineData("--webhook", "hooks.example/x")]
    [InlineData("--slack", "ftp://hooks.example/x")]
    [InlineData("--alertmanager", "not a url")]
    public async Task A_url_that_is_not_http_is_a_usage_error_that_does_not_repeat_it(string option, string url)
    {
        var result = await CliRunner.RunAsync("check", Burst, option, url);

        Assert.Equal(2, result.Code);
        Assert.Contains($"{option}: expected an absolute http:// or https:// URL", result.Err);
        Assert.DoesNotContain(url, result.Err);
    }
}

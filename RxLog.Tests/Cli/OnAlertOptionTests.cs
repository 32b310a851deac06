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
        Assert.Contains("rxlog: --on-alert: check replays history, so it runs the command only with --notify", result.ErrLines);
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
}

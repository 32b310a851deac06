using RxLog.Aggregation;
using RxLog.Alerting.Rules;
using RxLog.Notifying;
using RxLog.Rendering;
using RxLog.Tests.Rendering;
using RxLog.Tests.Support;

namespace RxLog.Tests.Notifying;

/// <summary><c>--on-alert CMD</c> run for real: <c>/bin/sh -c CMD</c> with the event's JSON on stdin and its values
/// in the environment, never on the command line; a failure says why; a cancelled one is killed with everything it
/// started.</summary>
public sealed class CommandHookTests : IDisposable
{
    private static readonly TimeSpan Guard = HttpTestClient.Guard;
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static readonly AlertRule ApiErrors = new("api_errors", RuleKind.Ratio, 0.05, 300, new RuleScope(Section: "/api"),
        Labels: [new("team", "payments"), new("severity-level", "page")], Summary: "API errors above 5 %");

    private static AlertNotice RuleAlert() => AlertNotice.From(
        new RuleRaised(Events.T0.AddSeconds(42), ApiErrors, new RuleValue(0.072, 72, 1000)), new EventJson(), zone: null)!;

    private static CommandHook Hook(string command) => new(command, TimeSpan.FromSeconds(10));

    [Fact]
    public async Task The_command_gets_the_events_json_on_stdin_and_each_value_in_its_environment()
    {
        var notice = RuleAlert();

        await Hook($"cat > '{_dir.File("stdin.json")}'; env > '{_dir.File("env.txt")}'").SendAsync(notice, CancellationToken.None)
            .WaitAsync(Guard);

        Assert.Equal(notice.Json + "\n", File.ReadAllText(_dir.File("stdin.json")));
        var env = File.ReadAllLines(_dir.File("env.txt")).Where(l => l.StartsWith("RXLOG_"))
            .ToDictionary(l => l[..l.IndexOf('=')], l => l[(l.IndexOf('=') + 1)..]);
        Assert.Equal(new Dictionary<string, string>
        {
            ["RXLOG_EVENT"] = "alert",
            ["RXLOG_RULE"] = "api_errors",
            ["RXLOG_VALUE"] = "0.072",
            ["RXLOG_THRESHOLD"] = "0.05",
            ["RXLOG_TIME"] = "2026-01-01T10:00:42+00:00",
            ["RXLOG_MESSAGE"] = "api_errors generated an alert - ratio = 7.2% (72 of 1000), triggered at 2026-01-01T10:00:42+00:00",
            ["RXLOG_SUMMARY"] = "API errors above 5 %",
            ["RXLOG_LABEL_TEAM"] = "payments",
            ["RXLOG_LABEL_SEVERITY_LEVEL"] = "page",
        }, env);
        Assert.Contains("\"rule\":\"api_errors\"", notice.Json);
    }

    [Fact]
    public async Task Text_that_looks_like_shell_reaches_the_command_as_text_and_is_never_run()
    {
        string pwned = _dir.File("pwned");
        var notice = RuleAlert() with { Message = $"x $(touch {pwned}); touch {pwned} `touch {pwned}`" };

        await Hook($"printf '%s' \"$RXLOG_MESSAGE\" > '{_dir.File("message.txt")}'").SendAsync(notice, CancellationToken.None)
            .WaitAsync(Guard);

        Assert.Equal(notice.Message, File.ReadAllText(_dir.File("message.txt")));
        Assert.False(File.Exists(pwned));
    }

    [Fact]
    public async Task A_command_that_fails_is_not_delivered_with_its_exit_code_and_last_error_line_sanitised()
    {
        var failure = await Assert.ThrowsAsync<DeliveryFailedException>(() =>
            Hook("cat > /dev/null; echo first >&2; printf 'disk \\033[2Jfull\\n' >&2; exit 3")
                .SendAsync(RuleAlert(), CancellationToken.None).WaitAsync(Guard));

        Assert.Equal("exited 3: disk \\x1b[2Jfull", failure.Message);
        Assert.False(failure.Retryable);
    }

    [Fact]
    public async Task A_command_that_does_not_read_its_stdin_still_counts_by_its_exit_status()
    {
        await Hook("exit 0").SendAsync(RuleAlert(), CancellationToken.None).WaitAsync(Guard);
        await Assert.ThrowsAsync<DeliveryFailedException>(() =>
            Hook("exit 1").SendAsync(RuleAlert(), CancellationToken.None).WaitAsync(Guard));
    }

    [Fact]
    public async Task Cancelled_it_is_killed_with_every_process_it_started()
    {
        string pids = _dir.File("pids");
        using var cancel = new CancellationTokenSource();
        var running = Hook($"sleep 300 & echo $! > '{pids}.tmp'; echo $$ >> '{pids}.tmp'; mv '{pids}.tmp' '{pids}'; wait")
            .SendAsync(RuleAlert(), cancel.Token);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!File.Exists(pids))   // the hook says when both are running
        {
            Assert.True(waited.Elapsed < Guard, "the hook never started");
            await Task.Yield();
        }
        int[] processes = File.ReadAllLines(pids).Select(int.Parse).ToArray();

        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running.WaitAsync(Guard));

        foreach (int pid in processes)
        {
            while (IsAlive(pid))   // SIGKILL was sent to the whole group before the wait above ended; reaping takes a moment
            {
                Assert.True(waited.Elapsed < Guard, $"process {pid} of the hook outlived it");
                await Task.Yield();
            }
        }
    }

    // Alive: its /proc entry exists and it is not a zombie (dead, waiting for its parent to reap it).
    private static bool IsAlive(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }
}

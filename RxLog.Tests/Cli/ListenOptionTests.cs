using System.Net;
using System.Net.Sockets;
using RxLog.Tests.Support;

namespace RxLog.Tests.Cli;

/// <summary><c>--listen</c> as a user meets it: <c>check</c> replays the log, then serves its metrics until Ctrl+C, and
/// still exits with the check's verdict; a bad address or one in use is one line and exit 2 before anything is read.</summary>
public sealed class ListenOptionTests
{
    private static string Burst => RepoPaths.Repo("examples/burst.log");

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    /// <summary>Starts <c>rxlog ARGS --listen 127.0.0.1:PORT</c> on a port that was free a moment ago, and scrapes
    /// until its run is over. Another process may take the port in between: the run then stops at once with "cannot
    /// listen there", and it starts again on another port.</summary>
    private static async Task<(IPEndPoint Endpoint, Task<CliResult> Run, HttpTestResponse Metrics)> RunListening(
        string[] args, CancellationToken stop)
    {
        for (int attempt = 1; ; attempt++)
        {
            var endpoint = new IPEndPoint(IPAddress.Loopback, FreePort());
            var run = CliRunner.RunAsync([.. args, "--listen", endpoint.ToString()], cancel: stop);
            while (true)
            {
                HttpTestResponse? metrics = null;
                try
                {
                    metrics = await HttpTestClient.GetAsync(endpoint, "/metrics");
                }
                catch (SocketException) when (!run.IsCompleted)
                {
                    await Task.Yield();
                    continue;
                }
                catch (SocketException) when (attempt < 3)
                {
                    var failed = await run;
                    Assert.Contains("cannot listen there", failed.Err);
                    break;
                }
                if (metrics.Body.Contains("rxlog_run_finished 1\n")) return (endpoint, run, metrics);
            }
        }
    }

    [Fact]
    public async Task Check_serves_the_finished_runs_metrics_until_stopped_and_exits_with_its_verdict()
    {
        using var stop = new CancellationTokenSource();
        // A scrape may come while the replay runs: scrape until it says the run is over.
        var (endpoint, run, metrics) = await RunListening(["check", Burst, "--threshold", "3"], stop.Token);
        var health = await HttpTestClient.GetAsync(endpoint, "/healthz");
        var missing = await HttpTestClient.GetAsync(endpoint, "/nope");
        stop.Cancel();
        var result = await run.WaitAsync(HttpTestClient.Guard);

        Assert.Equal(200, metrics.Status);
        Assert.Contains("rxlog_requests_total{status_class=\"2xx\"} 1250\n", metrics.Body);
        Assert.Contains("rxlog_alerts_total{rule=\"high_traffic\"} 1\n", metrics.Body);
        Assert.Contains("rxlog_section_requests_total{section=\"/api\"} 479\n", metrics.Body);
        Assert.Contains("rxlog_alert_active{rule=\"high_traffic\"} 0\n", metrics.Body);
        Assert.Equal((200, "ok\n"), (health.Status, health.Body));
        Assert.Equal(404, missing.Status);
        Assert.Equal(1, result.Code);
        // Stopped right after the run's end, it may not have said it was serving yet; it says nothing else.
        Assert.All(result.ErrLines, line => Assert.Matches("(detected; |the run is over; serving its metrics on http://)", line));
    }

    [Fact]
    public async Task Events_replays_the_finished_runs_events_as_server_sent_events_from_the_last_id_the_client_saw()
    {
        using var stop = new CancellationTokenSource();
        var (endpoint, run, _) = await RunListening(["check", Burst, "--threshold", "3", "--json"], stop.Token);

        using var client = await HttpTestClient.ConnectAsync(endpoint);
        await client.SendAsync($"GET /events HTTP/1.1\r\nHost: test\r\nLast-Event-ID: 0\r\n\r\n");
        string head = await client.ReadThroughAsync("\r\n\r\n");
        string frames = await client.ReadThroughAsync("event: summary\n");
        frames += await client.ReadThroughAsync("\n\n");
        stop.Cancel();
        var result = await run.WaitAsync(HttpTestClient.Guard);

        Assert.Contains("Content-Type: text/event-stream", head);
        // The same JSON objects, in the same order, as the run's own --json output.
        var data = frames.Split('\n').Where(l => l.StartsWith("data: ")).Select(l => l["data: ".Length..]).ToArray();
        Assert.Equal(result.OutLines, data);
        var ids = frames.Split('\n').Where(l => l.StartsWith("id: ")).Select(l => long.Parse(l["id: ".Length..])).ToArray();
        Assert.Equal(Enumerable.Range(1, data.Length).Select(i => (long)i), ids);
    }

    [Fact]
    public async Task Api_status_holds_the_runs_last_report_its_alerts_newest_first_and_its_summary_as_json_wrote_them()
    {
        using var stop = new CancellationTokenSource();
        var (endpoint, run, metrics) = await RunListening(["check", Burst, "--threshold", "3", "--json"], stop.Token);
        var response = await HttpTestClient.GetAsync(endpoint, "/api/status");
        stop.Cancel();
        var result = await run.WaitAsync(HttpTestClient.Guard);

        Assert.Equal(200, response.Status);
        Assert.Equal("application/json", response.Headers["Content-Type"]);
        var status = System.Text.Json.JsonDocument.Parse(response.Body).RootElement;
        string Raw(string name) => status.GetProperty(name).GetRawText();
        var lines = result.OutLines;
        Assert.Equal(lines.Last(l => l.StartsWith("{\"type\":\"report\"")), Raw("report"));
        Assert.Equal(lines.Where(l => l.StartsWith("{\"type\":\"alert\"") || l.StartsWith("{\"type\":\"recovered\"")).Reverse(),
            status.GetProperty("alerts").EnumerateArray().Select(a => a.GetRawText()));
        Assert.Equal(lines[^1], Raw("summary"));
        Assert.False(status.GetProperty("running").GetBoolean());
        Assert.Equal("""{"rule":"high_traffic","kind":"rate","threshold":3,"window_seconds":120,"active":false,"value":1.1166666666666667,"alerts":1,"labels":null}""",
            status.GetProperty("rules")[0].GetRawText());
        var source = Assert.Single(status.GetProperty("sources").EnumerateArray());
        Assert.Equal((Burst, "ended", 1506L), (source.GetProperty("source").GetString(), source.GetProperty("state").GetString(),
            source.GetProperty("lines").GetInt64()));
        var options = status.GetProperty("options");
        Assert.Equal(("check", "log", "Common/Combined Log Format", endpoint.ToString()),
            (options.GetProperty("mode").GetString(), options.GetProperty("clock").GetString(),
             options.GetProperty("format").GetString(), options.GetProperty("listen").GetString()));
        Assert.Contains($"rxlog_lines_read_total{{source=\"{Burst}\"}} 1506\n", metrics.Body);
    }

    [Fact]
    public async Task Metrics_and_the_status_count_what_each_hook_delivered()
    {
        using var stop = new CancellationTokenSource();
        var (endpoint, run, _) = await RunListening(["check", Burst, "--threshold", "3", "--notify", "--on-alert", "cat > /dev/null",
            "--on-alert", "exit 1"], stop.Token);
        async Task<string> Settled()
        {
            while (true)   // the hooks run after the replay's last event: scrape until both answered twice
            {
                string body = (await HttpTestClient.GetAsync(endpoint, "/metrics")).Body;
                if (body.Contains("sink=\"hook 'cat > /dev/null'\",result=\"delivered\"} 2\n")
                    && body.Contains("sink=\"hook 'exit 1'\",result=\"failed\"} 2\n")) return body;
            }
        }
        string metrics = await Settled().WaitAsync(HttpTestClient.Guard);

        Assert.Contains("rxlog_notifications_total{sink=\"hook 'exit 1'\",result=\"delivered\"} 0\n", metrics);
        string status = (await HttpTestClient.GetAsync(endpoint, "/api/status")).Body;
        var notifications = System.Text.Json.JsonDocument.Parse(status).RootElement.GetProperty("notifications").EnumerateArray()
            .Select(n => (n.GetProperty("sink").GetString(), n.GetProperty("delivered").GetInt64(), n.GetProperty("failed").GetInt64(),
                n.GetProperty("dropped").GetInt64()));
        Assert.Equal([("hook 'cat > /dev/null'", 2L, 0L, 0L), ("hook 'exit 1'", 0L, 2L, 0L)], notifications);
        stop.Cancel();
        var result = await run.WaitAsync(HttpTestClient.Guard);
        Assert.Equal(1, result.Code);
    }

    [Theory]
    [InlineData("nope", "rxlog: --listen: 'nope' is not a port or HOST:PORT")]
    [InlineData("example.com:9100", "rxlog: --listen: ")]
    public async Task A_bad_address_is_one_line_and_exit_2_before_anything_is_read(string address, string start)
    {
        var result = await CliRunner.RunAsync("check", Burst, "--listen", address);

        Assert.Equal(2, result.Code);
        Assert.Equal("", result.Out);
        Assert.Single(result.ErrLines);
        Assert.StartsWith(start, result.ErrLines[0]);
    }

    [Fact]
    public async Task An_address_in_use_is_one_line_and_exit_2()
    {
        var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        try
        {
            var result = await CliRunner.RunAsync("check", Burst, "--listen", taken.LocalEndpoint.ToString()!);

            Assert.Equal(2, result.Code);
            Assert.Equal("", result.Out);
            Assert.Single(result.ErrLines);
            Assert.StartsWith($"rxlog: --listen {taken.LocalEndpoint}: cannot listen there: ", result.ErrLines[0]);
        }
        finally
        {
            taken.Stop();
        }
    }
}

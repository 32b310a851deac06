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

    // The run binds before it reads: connect until it answers (bounded by the guard), no sleeps.
    private static async Task<HttpTestResponse> GetWhenUp(IPEndPoint endpoint, string path)
    {
        using var guard = new CancellationTokenSource(HttpTestClient.Guard);
        while (true)
        {
            try
            {
                return await HttpTestClient.GetAsync(endpoint, path);
            }
            catch (SocketException) when (!guard.IsCancellationRequested)
            {
                await Task.Yield();
            }
        }
    }

    [Fact]
    public async Task Check_serves_the_finished_runs_metrics_until_stopped_and_exits_with_its_verdict()
    {
        var endpoint = new IPEndPoint(IPAddress.Loopback, FreePort());
        using var stop = new CancellationTokenSource();
        var run = CliRunner.RunAsync(["check", Burst, "--threshold", "3", "--listen", endpoint.ToString()], cancel: stop.Token);

        // A scrape may come while the replay runs: scrape until it says the run is over.
        HttpTestResponse metrics;
        do metrics = await GetWhenUp(endpoint, "/metrics");
        while (!metrics.Body.Contains("rxlog_run_finished 1\n"));
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

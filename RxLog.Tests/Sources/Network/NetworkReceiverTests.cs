using System.Net;
using System.Net.Sockets;
using System.Reactive.Concurrency;
using System.Text;
using RxLog.Sources;
using RxLog.Sources.Network;
using RxLog.Tests.Support;

namespace RxLog.Tests.Sources.Network;

/// <summary><c>rxlog receive</c>'s sockets on 127.0.0.1, with real senders: each line reaches the pipeline once, under
/// the host that sent it; senders outside <c>--allow</c>, connections past the bound and idle ones are refused or
/// closed, and said.</summary>
public sealed class NetworkReceiverTests : IDisposable
{
    private const string A = "10.0.0.1 - - [06/Dec/2026:05:30:00 +0000] \"GET /a HTTP/1.1\" 200 5";
    private const string B = "10.0.0.2 - - [06/Dec/2026:05:30:01 +0000] \"GET /b HTTP/1.1\" 404 7";

    private readonly List<(string Host, long Number, string Line)> _lines = new();
    private readonly List<string> _notices = new();
    private readonly List<IDisposable> _running = new();
    private readonly List<(int Count, TaskCompletionSource Arrived)> _waiting = new();   // guarded by _lines

    public void Dispose()
    {
        foreach (var running in _running) running.Dispose();
    }

    /// <summary>Binds <paramref name="addresses"/> (port 0) and starts receiving; returns the bound endpoints.</summary>
    private List<IPEndPoint> Start(string[] addresses, ReceiveLimits? limits = null, IScheduler? scheduler = null)
    {
        var parsed = addresses.Select(a => ReceiveAddress.TryParse(a, out var address, out _) ? address! : throw new ArgumentException(a)).ToList();
        var receiver = NetworkReceiver.Bind(parsed, limits ?? ReceiveLimits.Default, out var problem)
                       ?? throw new InvalidOperationException(problem);
        _running.Add(receiver);
        _running.Add(receiver.Receive(scheduler ?? DefaultScheduler.Instance, n => { lock (_notices) _notices.Add(n); })
            .Subscribe(chunk =>
            {
                lock (_lines)
                {
                    foreach (var (number, line) in Lines(chunk)) _lines.Add((chunk.Origin, number, line));
                    foreach (var waiter in _waiting.Where(w => _lines.Count >= w.Count)) waiter.Arrived.TrySetResult();
                }
            }));
        return receiver.Bound.Select(b => IPEndPoint.Parse(b[(b.IndexOf("//") + 2)..])).ToList();
    }

    private static IEnumerable<(long, string)> Lines(LineChunk chunk)
    {
        string text = Encoding.UTF8.GetString(chunk.Lines);
        long number = chunk.FirstLineNumber;
        foreach (string line in text.Split('\n')[..^1]) yield return (number++, line);
    }

    /// <summary>Waits (bounded by the guard) until <paramref name="count"/> lines came.</summary>
    private async Task<List<(string Host, long Number, string Line)>> Received(int count)
    {
        TaskCompletionSource arrived;
        lock (_lines)
        {
            if (_lines.Count >= count) return _lines.ToList();
            arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting.Add((count, arrived));
        }
        await arrived.Task.WaitAsync(HttpTestClient.Guard);
        lock (_lines) return _lines.ToList();
    }

    [Fact]
    public async Task Nginx_datagrams_and_an_rsyslog_octet_counted_stream_reach_the_pipeline_under_their_hosts()
    {
        var bound = Start(["udp://127.0.0.1:0", "tcp://127.0.0.1:0"]);
        using (var udp = new UdpClient())
        {
            await udp.SendAsync(Encoding.UTF8.GetBytes("<190>Dec  6 05:30:00 web1 nginx: " + A), bound[0]);
            await udp.SendAsync(Encoding.UTF8.GetBytes("<190>Dec  6 05:30:01 web1 nginx: " + B), bound[0]);
        }
        using (var tcp = new TcpClient())
        {
            await tcp.ConnectAsync(bound[1]);
            string m1 = "<190>1 2026-12-06T05:30:00Z web2 nginx - - - " + A + "\n", m2 = "<13>Dec  6 05:30:01 web3 nginx: " + B + "\n";
            await tcp.GetStream().WriteAsync(Encoding.UTF8.GetBytes($"{Encoding.UTF8.GetByteCount(m1)} {m1}{Encoding.UTF8.GetByteCount(m2)} {m2}"));
        }

        var lines = await Received(4);

        Assert.Equal([("web1", 1L, A), ("web1", 2L, B), ("web2", 1L, A), ("web3", 1L, B)], lines.OrderBy(l => l.Host).ThenBy(l => l.Number));
        Assert.Contains("receiving from web2 (via 127.0.0.1)", _notices);
    }

    [Fact]
    public async Task Ipv4_and_ipv6_loopback_on_one_udp_port_are_both_read_each_with_its_own_drops()
    {
        int port;
        using (var probe = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp) { DualMode = true })
        {
            probe.Bind(new IPEndPoint(IPAddress.IPv6Any, 0));   // a port free for both families
            port = ((IPEndPoint)probe.LocalEndPoint!).Port;
        }
        var parsed = new[] { $"udp://127.0.0.1:{port}", $"udp://[::1]:{port}" }
            .Select(a => ReceiveAddress.TryParse(a, out var address, out _) ? address! : throw new ArgumentException(a)).ToList();
        var receiver = NetworkReceiver.Bind(parsed, ReceiveLimits.Default, out var problem) ?? throw new InvalidOperationException(problem);
        _running.Add(receiver);
        _running.Add(receiver.Receive(DefaultScheduler.Instance, n => { lock (_notices) _notices.Add(n); }).Subscribe(chunk =>
        {
            lock (_lines)
            {
                foreach (var (number, line) in Lines(chunk)) _lines.Add((chunk.Origin, number, line));
                foreach (var waiter in _waiting.Where(w => _lines.Count >= w.Count)) waiter.Arrived.TrySetResult();
            }
        }));
        using (var v4 = new UdpClient(AddressFamily.InterNetwork))
            await v4.SendAsync(Encoding.UTF8.GetBytes(A), new IPEndPoint(IPAddress.Loopback, port));
        using (var v6 = new UdpClient(AddressFamily.InterNetworkV6))
            await v6.SendAsync(Encoding.UTF8.GetBytes(B), new IPEndPoint(IPAddress.IPv6Loopback, port));

        var lines = await Received(2);

        Assert.Equal([("127.0.0.1", 1L, A), ("::1", 1L, B)], lines.OrderBy(l => l.Host));
        Assert.Equal([0L, 0L], receiver.Drops().Select(d => d.Drops ?? -1));
    }

    [Fact]
    public void A_tcp_address_another_rxlog_listens_on_is_refused_not_shared()
    {
        var bound = Start(["tcp://127.0.0.1:0"]);
        ReceiveAddress.TryParse($"tcp://127.0.0.1:{bound[0].Port}", out var again, out _);

        var second = NetworkReceiver.Bind([again!], ReceiveLimits.Default, out var problem);

        Assert.Null(second);
        Assert.Equal($"tcp://127.0.0.1:{bound[0].Port}: address already in use", problem);
    }

    [Fact]
    public async Task Raw_lines_are_counted_under_the_senders_address_and_a_last_line_without_newline_is_not_lost()
    {
        var bound = Start(["tcp://127.0.0.1:0"]);
        using (var tcp = new TcpClient())
        {
            await tcp.ConnectAsync(bound[0]);
            await tcp.GetStream().WriteAsync(Encoding.UTF8.GetBytes($"{A}\n{B}"));
        }

        Assert.Equal([("127.0.0.1", 1L, A), ("127.0.0.1", 2L, B)], await Received(2));
    }

    [Fact]
    public async Task A_sender_outside_allow_is_refused_and_said_once()
    {
        var bound = Start(["udp://127.0.0.1:0", "tcp://127.0.0.1:0"],
            ReceiveLimits.Default with { Allow = [IPNetwork.Parse("10.0.0.0/8")] });
        using (var udp = new UdpClient())
            for (int i = 0; i < 3; i++) await udp.SendAsync(Encoding.UTF8.GetBytes(A), bound[0]);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(bound[1]);
        Assert.True(await Closed(tcp.GetStream()));   // closed at once
        Assert.Empty(_lines);
        lock (_notices)
        {
            Assert.Single(_notices, n => n == "refused udp from 127.0.0.1: not in --allow");
            Assert.Single(_notices, n => n == "refused tcp from 127.0.0.1: not in --allow");
        }
    }

    [Fact]
    public async Task An_idle_connection_is_closed_at_its_timeout_on_the_schedulers_clock_each_line_starting_it_again()
    {
        var clock = new WatchedScheduler(Records.T0);
        var bound = Start(["tcp://127.0.0.1:0"], ReceiveLimits.Default with { IdleTimeout = TimeSpan.FromMinutes(10) }, clock);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(bound[0]);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.UTF8.GetBytes(A + "\n"));
        await Received(1);
        await clock.WhenScheduledAt(Records.T0.AddMinutes(10));

        clock.AdvanceBy(TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(1));   // still open: a line gets through
        await stream.WriteAsync(Encoding.UTF8.GetBytes(B + "\n"));
        await Received(2);
        await clock.WhenScheduledAt(Records.T0.AddMinutes(20) - TimeSpan.FromSeconds(1));
        clock.AdvanceBy(TimeSpan.FromMinutes(10));

        Assert.True(await Closed(stream));
        Assert.Equal([A, B], _lines.Select(l => l.Line));
    }

    // True once the other end has closed (FIN or reset).
    private static async Task<bool> Closed(NetworkStream stream)
    {
        try
        {
            return await stream.ReadAsync(new byte[1]).AsTask().WaitAsync(HttpTestClient.Guard) == 0;
        }
        catch (IOException)
        {
            return true;
        }
    }

    [Fact]
    public async Task Past_max_connections_a_new_connection_is_closed_and_said_and_the_open_ones_are_read()
    {
        var bound = Start(["tcp://127.0.0.1:0"], ReceiveLimits.Default with { MaxConnections = 2 });
        using var first = new TcpClient();
        using var second = new TcpClient();
        using var third = new TcpClient();
        await first.ConnectAsync(bound[0]);
        await second.ConnectAsync(bound[0]);
        await first.GetStream().WriteAsync(Encoding.UTF8.GetBytes(A + "\n"));
        await second.GetStream().WriteAsync(Encoding.UTF8.GetBytes(B + "\n"));
        await Received(2);
        await third.ConnectAsync(bound[0]);
        Assert.True(await Closed(third.GetStream()));
        Assert.Contains("2 connections open (--max-connections): new ones are closed until one ends", _notices);
    }
}

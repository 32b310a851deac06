using System.Net;
using System.Net.Sockets;
using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using System.Reactive.Linq;
using System.Reactive.Threading.Tasks;

namespace RxLog.Sources.Network;

/// <summary><c>rxlog receive</c>: the sockets, bound at once (so a port in use is a usage error before the run), and
/// <see cref="Receive"/>, every message from every socket and connection as chunks of lines, one source per host.</summary>
/// <remarks>
/// <para>UDP: one datagram is one message (nginx sends no trailing newline); a datagram of raw lines is one message
/// per line. Each socket is read on a thread of its own, and what it read is passed on when the kernel holds no more,
/// so a burst makes few chunks. The kernel's drops (its receive buffer was full) are read from <c>/proc/net/udp</c>
/// every <see cref="DropCheck"/> and said: loss is never silent.</para>
/// <para>TCP: each connection is framed as its first bytes say (<see cref="StreamFraming"/>) and read with big reads;
/// at most <see cref="ReceiveLimits.MaxConnections"/> at once (a new one past that is closed and said), each closed
/// after <see cref="ReceiveLimits.IdleTimeout"/> without a byte, timed on the injected scheduler.</para>
/// </remarks>
public sealed class NetworkReceiver : IDisposable
{
    public static readonly TimeSpan DropCheck = TimeSpan.FromSeconds(10);

    private const int SolSocket = 1, SoReuseAddr = 2;   // Linux values

    private readonly List<(ReceiveAddress Address, Socket Socket)> _sockets;
    private readonly ReceiveLimits _limits;
    private readonly Dictionary<Socket, UdpDrops> _udp;   // kept: the sockets are closed at the end
    private readonly Dictionary<Socket, string> _names;   // udp://127.0.0.1:5514, as bound

    private NetworkReceiver(List<(ReceiveAddress, Socket)> sockets, ReceiveLimits limits)
    {
        _sockets = sockets;
        _limits = limits;
        _names = sockets.ToDictionary(s => s.Item2, s => $"{(s.Item1.Udp ? "udp" : "tcp")}://{s.Item2.LocalEndPoint}");
        _udp = sockets.Where(s => s.Item1.Udp).ToDictionary(s => s.Item2, s => new UdpDrops(s.Item2, _names[s.Item2]));
        Bound = sockets.Select(s => _names[s.Item2]).ToList();
    }

    /// <summary>Each UDP address with the datagrams the kernel dropped for it since it was bound; the count is null
    /// where the kernel does not say.</summary>
    public IReadOnlyList<(string Address, long? Drops)> Drops() =>
        _udp.Values.Select(u => (u.Address, u.SinceBind())).ToList();

    /// <summary>The addresses as bound (a port 0 replaced by the one the system chose).</summary>
    public IReadOnlyList<string> Bound { get; }

    /// <summary>Binds every address; null and a one-line problem when one cannot be.</summary>
    public static NetworkReceiver? Bind(IReadOnlyList<ReceiveAddress> addresses, ReceiveLimits limits, out string? problem)
    {
        var sockets = new List<(ReceiveAddress, Socket)>();
        foreach (var address in addresses)
        {
            var socket = new Socket(address.EndPoint.AddressFamily, address.Udp ? SocketType.Dgram : SocketType.Stream,
                address.Udp ? ProtocolType.Udp : ProtocolType.Tcp);
            try
            {
                if (address.EndPoint.AddressFamily == AddressFamily.InterNetworkV6) socket.DualMode = true;
                if (address.Udp) socket.ReceiveBufferSize = 8 * 1024 * 1024;   // the kernel caps it at net.core.rmem_max
                // SO_REUSEADDR alone, so a restarted rxlog binds despite its old connections in TIME_WAIT. Not .NET's
                // ReuseAddress: on Linux it also sets SO_REUSEPORT, and a second rxlog would silently share the port.
                else socket.SetRawSocketOption(SolSocket, SoReuseAddr, BitConverter.GetBytes(1));
                socket.Bind(address.EndPoint);
                if (!address.Udp) socket.Listen(128);
                sockets.Add((address, socket));
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                foreach (var (_, bound) in sockets) bound.Dispose();
                problem = $"{address.Text}: {ex.SocketErrorCode switch
                {
                    SocketError.AddressAlreadyInUse => "address already in use",
                    SocketError.AccessDenied => "permission denied (ports below 1024 need root or CAP_NET_BIND_SERVICE)",
                    SocketError.AddressNotAvailable => "no such address on this machine",
                    _ => ex.Message,
                }}";
                return null;
            }
        }
        problem = null;
        return new NetworkReceiver(sockets, limits);
    }

    /// <summary>Every message received, from the subscription on; ends only when disposed.</summary>
    public IObservable<LineChunk> Receive(IScheduler scheduler, Action<string> notice) =>
        Observable.Create<LineChunk>(observer =>
        {
            var hosts = new HostNames(notice);
            var emitter = new ChunkEmitter(observer);
            var stop = new CancellationTokenSource();
            var running = new CompositeDisposable();
            foreach (var (address, socket) in _sockets)
            {
                if (address.Udp)
                {
                    var thread = new Thread(() => ReadDatagrams(socket, hosts, emitter, notice, stop.Token))
                    {
                        IsBackground = true,
                        Name = "rxlog receive " + address.Text,
                    };
                    thread.Start();
                    running.Add(_udp[socket].Watch(scheduler, DropCheck, notice));
                }
                else _ = AcceptAsync(socket, hosts, emitter, scheduler, notice, stop.Token);
            }
            running.Add(Disposable.Create(() =>
            {
                emitter.Stop();
                stop.Cancel();
                foreach (var drops in _udp.Values) drops.SinceBind();   // the last count, before the rows go
                Dispose();
            }));
            return running;
        });

    public void Dispose()
    {
        foreach (var (_, socket) in _sockets) socket.Dispose();
    }

    private void ReadDatagrams(Socket socket, HostNames hosts, ChunkEmitter emitter, Action<string> notice,
        CancellationToken stop)
    {
        try
        {
            ReadDatagramsUntilStopped(socket, hosts, emitter, notice, stop);
        }
        catch (Exception ex) when (!stop.IsCancellationRequested)
        {
            // A raw thread: an exception here would end the process. The rest of the run goes on without this socket.
            try
            {
                notice($"{_names[socket]}: stopped reading: {ex.Message}");
            }
            catch (Exception)
            {
                // Nowhere left to say it.
            }
        }
    }

    private void ReadDatagramsUntilStopped(Socket socket, HostNames hosts, ChunkEmitter emitter, Action<string> notice,
        CancellationToken stop)
    {
        var datagram = new byte[64 * 1024];
        var lines = new ReceivedLines(hosts, emitter);
        var refused = new Refusals(notice);
        EndPoint from = new IPEndPoint(socket.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        IPEndPoint? lastFrom = null;
        Peer? peer = null;
        while (!stop.IsCancellationRequested)
        {
            int read;
            try
            {
                read = socket.ReceiveFrom(datagram, SocketFlags.None, ref from);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                if (stop.IsCancellationRequested) return;
                continue;   // an ICMP error for an earlier send, a signal: the socket still works
            }
            var sender = (IPEndPoint)from;
            if (!sender.Equals(lastFrom))
            {
                lastFrom = new IPEndPoint(sender.Address, sender.Port);
                peer = _limits.Allows(sender.Address) ? new Peer(Peer.NameOf(sender.Address), hosts) : null;
            }
            if (peer is null)
            {
                refused.Say(sender.Address, "udp");
                continue;
            }
            var message = datagram.AsSpan(0, read);
            if (message.Length > 0 && message[0] == '<') lines.Add(message, peer);
            else
            {
                // Raw lines: each is a message; a trailing newline ends the last, it does not add an empty one.
                while (message.IndexOf((byte)'\n') is >= 0 and var newline)
                {
                    lines.Add(message[..newline], peer);
                    message = message[(newline + 1)..];
                }
                if (message.Length > 0 || read == 0) lines.Add(message, peer);
            }
            if (socket.Available == 0) lines.Flush();
        }
    }

    private async Task AcceptAsync(Socket listener, HostNames hosts, ChunkEmitter emitter, IScheduler scheduler,
        Action<string> notice, CancellationToken stop)
    {
        int open = 0;
        var refused = new Refusals(notice);
        bool saidFull = false, saidAcceptFailing = false;
        var backoff = TimeSpan.Zero;
        while (!stop.IsCancellationRequested)
        {
            Socket connection;
            try
            {
                connection = await listener.AcceptAsync(stop);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
            {
                if (stop.IsCancellationRequested) return;
                // Out of file descriptors or buffers: the same accept fails again at once. Wait (on the scheduler),
                // longer each time, rather than spin; say it once.
                if (ex is SocketException failed && !saidAcceptFailing)
                    notice($"{_names[listener]}: cannot accept connections ({failed.SocketErrorCode}); retrying");
                saidAcceptFailing = true;
                backoff = backoff == TimeSpan.Zero ? TimeSpan.FromMilliseconds(100) : TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.TicksPerSecond));
                try
                {
                    await Observable.Timer(backoff, scheduler).ToTask(stop);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                continue;
            }
            backoff = TimeSpan.Zero;
            var address = ((IPEndPoint)connection.RemoteEndPoint!).Address;
            if (!_limits.Allows(address))
            {
                refused.Say(address, "tcp");
                connection.Dispose();
                continue;
            }
            if (Volatile.Read(ref open) >= _limits.MaxConnections)
            {
                if (!saidFull) notice($"{_limits.MaxConnections} connections open (--max-connections): new ones are closed until one ends");
                saidFull = true;
                connection.Dispose();
                continue;
            }
            Interlocked.Increment(ref open);
            // On the thread pool: a sender whose data is always there would otherwise keep this loop from accepting.
            var peer = new Peer(Peer.NameOf(address), hosts);
            _ = Task.Run(() => ServeAsync(connection, peer, hosts, emitter, scheduler, stop))
                .ContinueWith(_ => Interlocked.Decrement(ref open), TaskScheduler.Default);
        }
    }

    private async Task ServeAsync(Socket connection, Peer peer, HostNames hosts, ChunkEmitter emitter,
        IScheduler scheduler, CancellationToken stop)
    {
        var framing = new StreamFraming();
        var lines = new ReceivedLines(hosts, emitter);
        StreamFraming.MessageHandler handle = message => lines.Add(message, peer);
        using var idle = new SerialDisposable();
        void Arm() => idle.Disposable = scheduler.Schedule(_limits.IdleTimeout, () => Close(connection));
        using (connection)
        {
            Arm();
            try
            {
                while (true)
                {
                    int read = await connection.ReceiveAsync(framing.Free, SocketFlags.None, stop);
                    if (read == 0) break;
                    Arm();
                    framing.Read(read, handle);
                    lines.Flush();
                }
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
            {
                // Reset by the sender, closed idle, or rxlog stopping: what was whole was passed on.
                if (stop.IsCancellationRequested) return;
            }
            framing.End(handle);   // a last line without its newline, or a frame cut short: counted as read
            lines.Flush();
        }
    }

    // An idle connection is ended with a FIN, as a server that is done with it; its sender reconnects when it has more.
    private static void Close(Socket connection)
    {
        try
        {
            connection.Shutdown(SocketShutdown.Both);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
        }
        connection.Dispose();
    }

    /// <summary>Says each refused sender once (up to 20 of them): a misconfigured <c>--allow</c> shows at once.</summary>
    private sealed class Refusals(Action<string> notice)
    {
        private readonly HashSet<IPAddress> _said = new();

        public void Say(IPAddress address, string protocol)
        {
            lock (_said)
            {
                if (_said.Count >= 20 || !_said.Add(address)) return;
            }
            notice($"refused {protocol} from {Peer.NameOf(address)}: not in --allow");
        }
    }
}

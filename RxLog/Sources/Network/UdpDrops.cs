using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Reactive.Concurrency;
using System.Reactive.Linq;

namespace RxLog.Sources.Network;

/// <summary>Datagrams the kernel dropped for one UDP socket because its receive buffer was full: the <c>drops</c>
/// column of <c>/proc/net/udp</c> (and <c>udp6</c>) on the socket's row (found by its inode, so two sockets on one port,
/// IPv4 and IPv6, or another process's, are never mixed up). UDP loses lines under a burst the reader cannot keep up
/// with; rxlog says how many instead of losing them silently.</summary>
public sealed class UdpDrops
{
    private readonly int _port;
    private readonly long? _inode;
    private readonly string _procNet;
    private readonly long _atBind;
    private long? _last;

    /// <param name="address">How rxlog names the socket: <c>udp://127.0.0.1:5514</c>.</param>
    public UdpDrops(Socket socket, string address, string procNet = "/proc/net")
    {
        Address = address;
        _port = ((IPEndPoint)socket.LocalEndPoint!).Port;
        _inode = InodeOf(socket);
        _procNet = procNet;
        _atBind = Read(_port, _procNet, _inode) ?? 0;
    }

    public string Address { get; }

    /// <summary>Drops since the socket was bound; the last count read once the socket is closed; null when the kernel
    /// never said.</summary>
    public long? SinceBind()
    {
        if (Read(_port, _procNet, _inode) is { } now) _last = now;
        return _last - _atBind;
    }

    /// <summary>Every <paramref name="every"/>, says how many datagrams were dropped since the last look, when any
    /// (the first look counts from the bind: a sender may fill the buffer before rxlog reads it).</summary>
    public IDisposable Watch(IScheduler scheduler, TimeSpan every, Action<string> notice)
    {
        long said = 0;
        return Observable.Interval(every, scheduler)
            .Select(_ => SinceBind() ?? said)
            .Where(drops => drops > said)
            .Subscribe(drops =>
            {
                notice($"{Address}: the kernel dropped {drops - said} datagrams (receive buffer full; "
                       + "raise net.core.rmem_max, or send over TCP)");
                said = drops;
            }, _ => { });
    }

    /// <summary>The drops of the UDP socket bound to <paramref name="port"/> (and, when given, with inode
    /// <paramref name="inode"/>); null when the kernel does not say (no <c>/proc</c>, no such socket, no file
    /// descriptor left to read it with).</summary>
    public static long? Read(int port, string procNet = "/proc/net", long? inode = null)
    {
        long? drops = null;
        foreach (string table in new[] { "udp", "udp6" })
        {
            string path = Path.Combine(procNet, table);
            try
            {
                if (!File.Exists(path)) continue;
                foreach (string line in File.ReadLines(path).Skip(1))
                {
                    var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode ref pointer drops
                    if (fields.Length < 13) continue;
                    int colon = fields[1].LastIndexOf(':');
                    if (colon < 0 || !int.TryParse(fields[1][(colon + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int p)
                        || p != port || !long.TryParse(fields[12], CultureInfo.InvariantCulture, out long d))
                        continue;
                    if (inode is { } wanted && (!long.TryParse(fields[9], CultureInfo.InvariantCulture, out long i) || i != wanted))
                        continue;
                    drops = (drops ?? 0) + d;
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return null;   // out of file descriptors, say: the kernel does not say this time
            }
        }
        return drops;
    }

    // A socket's inode, from its file descriptor's link (socket:[12345]); null where /proc/self/fd is not there.
    private static long? InodeOf(Socket socket)
    {
        try
        {
            string? link = new FileInfo($"/proc/self/fd/{socket.Handle}").LinkTarget;
            return link is not null && link.StartsWith("socket:[", StringComparison.Ordinal)
                   && long.TryParse(link[8..^1], CultureInfo.InvariantCulture, out long inode) ? inode : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}

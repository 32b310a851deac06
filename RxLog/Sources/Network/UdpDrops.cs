using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Reactive.Concurrency;
using System.Reactive.Linq;

namespace RxLog.Sources.Network;

/// <summary>Datagrams the kernel dropped for a UDP socket because its receive buffer was full: the <c>drops</c>
/// column of <c>/proc/net/udp</c> (and <c>udp6</c>) for the socket's port. UDP loses lines under a burst the reader
/// cannot keep up with; rxlog says how many instead of losing them silently.</summary>
public static class UdpDrops
{
    /// <summary>The drops so far for the UDP socket bound to <paramref name="port"/>; null when the kernel does not say
    /// (no <c>/proc</c>).</summary>
    public static long? Read(int port, string procNet = "/proc/net")
    {
        long? drops = null;
        foreach (string table in new[] { "udp", "udp6" })
        {
            string path = Path.Combine(procNet, table);
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
                drops = (drops ?? 0) + d;
            }
        }
        return drops;
    }

    /// <summary>Every <paramref name="every"/>, says how many datagrams were dropped since the last look, when any;
    /// the first look counts from <paramref name="atBind"/> (the count when the socket was bound: a sender may fill
    /// the buffer before rxlog reads it).</summary>
    public static IDisposable Watch(Socket socket, IScheduler scheduler, TimeSpan every, Action<string> notice, long atBind)
    {
        int port = ((IPEndPoint)socket.LocalEndPoint!).Port;
        long seen = atBind;
        return Observable.Interval(every, scheduler)
            .Select(_ => Read(port) ?? seen)
            .Where(drops => drops > seen)
            .Subscribe(drops =>
            {
                notice($"udp://{socket.LocalEndPoint}: the kernel dropped {drops - seen} datagrams (receive buffer full; "
                       + "raise net.core.rmem_max, or send over TCP)");
                seen = drops;
            });
    }
}

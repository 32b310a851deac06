using System.Reactive;
using System.Text;
using RxLog.Sources;
using RxLog.Sources.Network;
using RxLog.Tests.Support;

namespace RxLog.Tests.Sources.Network;

/// <summary>What real senders put on the wire, captured forwarding the first lines of <c>examples/burst.log</c>
/// (<c>Captures/</c>): Debian's rsyslog 8.2302 as host web1 — octet counting with RSYSLOG_ForwardFormat (exact counts)
/// and RSYSLOG_SyslogProtocol23Format (RFC 5424, the count including rsyslog's LF), newline framing, and RFC 5424
/// datagrams; Debian's syslog-ng 3.38 as host vm — <c>network()</c> (RFC 3164, newline framing) and <c>syslog()</c>
/// (RFC 5424 with structured data, octet counting). Each becomes the file's own lines under its host, however the
/// reads cut the stream.</summary>
public class CapturedSendersTests
{
    private static readonly string[] FirstLines = File.ReadLines(RepoPaths.Repo("examples/burst.log")).Take(3).ToArray();

    private static byte[] Capture(string name) => File.ReadAllBytes(RepoPaths.Repo($"RxLog.Tests/Sources/Network/Captures/{name}"));

    private static (List<string> Hosts, List<string> Lines) Receive(Action<ReceivedLines, Peer> send)
    {
        var hosts = new List<string>();
        var lines = new List<string>();
        var received = new ReceivedLines(new HostNames(), new ChunkEmitter(Observer.Create<LineChunk>(chunk =>
        {
            foreach (string line in Encoding.UTF8.GetString(chunk.Lines).Split('\n')[..^1])
            {
                hosts.Add(chunk.Origin);
                lines.Add(line);
            }
        })));
        send(received, new Peer("127.0.0.1", new HostNames()));
        received.Flush();
        return (hosts, lines);
    }

    [Theory]
    [InlineData("rsyslog-octet-forward.bin", "web1")]
    [InlineData("rsyslog-octet-protocol23.bin", "web1")]
    [InlineData("rsyslog-traditional-forward.bin", "web1")]
    [InlineData("syslog-ng-network.bin", "vm")]
    [InlineData("syslog-ng-syslog.bin", "vm")]
    public void A_tcp_stream_from_rsyslog_or_syslog_ng_becomes_the_files_lines_under_its_host_however_the_reads_cut_it(
        string name, string host)
    {
        byte[] stream = Capture(name);
        for (int cut = 1; cut <= 64; cut++)
        {
            var (hosts, lines) = Receive((received, peer) =>
            {
                var framing = new StreamFraming();
                StreamFraming.MessageHandler handle = m => received.Add(m, peer);
                for (int at = 0; at < stream.Length; at += cut)
                {
                    int n = Math.Min(cut, stream.Length - at);
                    stream.AsSpan(at, n).CopyTo(framing.Free.Span);
                    framing.Read(n, handle);
                }
                framing.End(handle);
            });

            Assert.Equal(FirstLines, lines);
            Assert.All(hosts, h => Assert.Equal(host, h));
        }
    }

    [Fact]
    public void Rsyslog_rfc5424_datagrams_become_the_files_lines_under_their_host()
    {
        // Each datagram ends with the LF rsyslog adds; the capture holds them one after the other.
        var datagrams = Encoding.UTF8.GetString(Capture("rsyslog-5424-udp.bin")).Split('\n')[..^1];

        var (hosts, lines) = Receive((received, peer) =>
        {
            foreach (string datagram in datagrams) received.Add(Encoding.UTF8.GetBytes(datagram + "\n"), peer);
        });

        Assert.Equal(FirstLines, lines);
        Assert.Equal(["web1", "web1", "web1"], hosts);
    }
}

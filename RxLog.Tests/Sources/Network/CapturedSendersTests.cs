using System.Reactive;
using System.Text;
using RxLog.Sources;
using RxLog.Sources.Network;
using RxLog.Tests.Support;

namespace RxLog.Tests.Sources.Network;

/// <summary>What real senders put on the wire, captured from Debian's rsyslog 8.2302 forwarding the first lines of
/// <c>examples/burst.log</c> as host web1 (<c>Captures/</c>): octet counting with RSYSLOG_ForwardFormat (exact counts)
/// and RSYSLOG_SyslogProtocol23Format (RFC 5424, the count including rsyslog's LF), newline framing, and RFC 5424
/// datagrams. Each becomes the file's own lines under web1, however the reads cut the stream.</summary>
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
    [InlineData("rsyslog-octet-forward.bin")]
    [InlineData("rsyslog-octet-protocol23.bin")]
    [InlineData("rsyslog-traditional-forward.bin")]
    public void An_rsyslog_tcp_stream_becomes_the_files_lines_under_its_host_however_the_reads_cut_it(string name)
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
            Assert.All(hosts, h => Assert.Equal("web1", h));
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

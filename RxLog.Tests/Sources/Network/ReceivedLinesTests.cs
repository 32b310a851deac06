using System.Reactive;
using System.Text;
using RxLog.Sources;
using RxLog.Sources.Network;

namespace RxLog.Tests.Sources.Network;

/// <summary>Messages become lines of their hosts: headers off, one message one line, names safe for a terminal, and
/// the number of hosts bounded.</summary>
public class ReceivedLinesTests
{
    private readonly List<(string Host, string Lines)> _chunks = new();
    private readonly List<string> _notices = new();

    private ReceivedLines New(int maxHosts = HostNames.MaxHosts) =>
        new(new HostNames(_notices.Add, maxHosts),
            new ChunkEmitter(Observer.Create<LineChunk>(c => _chunks.Add((c.Origin, Encoding.UTF8.GetString(c.Lines))))));

    private static Peer PeerAt(string address) => new(address, new HostNames());

    [Fact]
    public void The_host_a_header_names_is_the_source_and_the_peer_only_when_none_is_named()
    {
        var lines = New();
        var hosts = new HostNames();
        var peer = new Peer("10.0.0.9", hosts);

        lines.Add("<190>Dec  6 05:30:00 web1 nginx: GET /a\n"u8, peer);
        lines.Add("GET /b\r\n"u8, peer);
        lines.Flush();

        Assert.Equal([("web1", "GET /a\n"), ("10.0.0.9", "GET /b\n")], _chunks);
    }

    // Captured from nginx 1.22.1 (`access_log syslog:server=127.0.0.1:5599,tag=nginx combined;`, and a JSON log_format
    // with escape=json): one datagram each, no trailing newline.
    private const string NginxCombined = "<190>Dec  6 05:45:08 vm nginx: 127.0.0.1 - - [06/Dec/2026:05:45:08 +0000] \"GET /pages/create?x=1 HTTP/1.1\" 404 153 \"-\" \"curl/8 \\x22quoted\\x22\"";
    private const string NginxJson = "<190>Dec  6 05:45:08 vm nginx: {\"remote_addr\":\"127.0.0.1\",\"time_local\":\"06/Dec/2026:05:45:08 +0000\",\"request\":\"GET /j/x HTTP/1.1\",\"status\":404,\"body_bytes_sent\":153}";

    [Fact]
    public void Real_nginx_datagrams_become_the_lines_its_file_log_holds_under_its_hostname()
    {
        var lines = New();
        lines.Add(Encoding.UTF8.GetBytes(NginxCombined), PeerAt("127.0.0.1"));
        lines.Add(Encoding.UTF8.GetBytes(NginxJson), PeerAt("127.0.0.1"));
        lines.Flush();

        Assert.Equal([("vm", NginxCombined[(NginxCombined.IndexOf("nginx: ") + 7)..] + "\n" + NginxJson[(NginxJson.IndexOf("nginx: ") + 7)..] + "\n")],
            _chunks);
        Assert.StartsWith("127.0.0.1 - - [06/Dec/2026:05:45:08 +0000]", _chunks[0].Lines);
    }

    [Fact]
    public void A_newline_inside_a_message_is_a_space_so_one_message_is_one_line_and_an_overlong_one_is_cut_to_be_counted()
    {
        var lines = New();
        lines.Add("<13>Dec  6 05:30:00 web1 a: one\ntwo"u8, PeerAt("10.0.0.9"));
        lines.Add(Encoding.UTF8.GetBytes(new string('x', LineLimits.MaxLineBytes + 500)), PeerAt("10.0.0.9"));
        lines.Flush();

        Assert.Equal(("web1", "one two\n"), _chunks[0]);
        Assert.Equal(LineLimits.MaxLineBytes + 2, _chunks.Single(c => c.Host == "10.0.0.9").Lines.Length);
    }

    [Fact]
    public void A_host_name_that_would_drive_a_terminal_or_break_a_label_is_made_safe()
    {
        var lines = New();
        lines.Add("<13>Dec  6 05:30:00 web\u001b[31m\"1 a: GET /a"u8, PeerAt("10.0.0.9"));
        lines.Flush();

        Assert.Equal("web?[31m?1", _chunks[0].Host);
    }

    [Fact]
    public void A_sender_calling_itself_other_hosts_shares_that_one_source_with_the_hosts_past_the_bound()
    {
        var hosts = new HostNames(maxHosts: 1);
        var claimed = hosts.Resolve("other-hosts");
        hosts.Resolve("web1");

        Assert.Same(claimed, hosts.Resolve("web2"));   // past the bound: the same source, one line count
    }

    [Fact]
    public void Past_the_bound_new_hosts_are_counted_together_and_said_once()
    {
        var lines = New(maxHosts: 2);
        foreach (string host in new[] { "web1", "web2", "web3", "web4", "web1" })
            lines.Add(Encoding.UTF8.GetBytes($"<13>Dec  6 05:30:00 {host} a: GET /{host}"), PeerAt("10.0.0.9"));
        lines.Flush();

        Assert.Equal([("web1", "GET /web1\nGET /web1\n"), ("web2", "GET /web2\n"), (HostNames.OtherName, "GET /web3\nGET /web4\n")],
            _chunks.OrderBy(c => c.Host == HostNames.OtherName).ThenBy(c => c.Host));
        Assert.Single(_notices, n => n.StartsWith("more than 2 hosts"));
    }
}

using System.Text;
using RxLog.Sources.Network;

namespace RxLog.Tests.Sources.Network;

/// <summary>Syslog headers as real senders write them come off, leaving the access-log line and the sender's host.</summary>
public class SyslogHeaderTests
{
    private const string Line = "127.0.0.1 - - [06/Dec/2026:05:30:00 +0000] \"GET /pages/create HTTP/1.1\" 200 612 \"-\" \"curl/8.5.0\"";

    [Theory]
    // nginx `access_log syslog:server=…` (RFC 3164, the day space-padded, no year, no zone)
    [InlineData("<190>Dec  6 05:30:00 web1 nginx: " + Line, "web1")]
    [InlineData("<190>Dec 16 05:30:00 web1 nginx: " + Line, "web1")]
    // a tag with a pid, and rsyslog's RSYSLOG_ForwardFormat (an RFC 3339 time in a 3164 header)
    [InlineData("<13>Dec  6 05:30:00 web-2.example nginx[1234]: " + Line, "web-2.example")]
    [InlineData("<190>2026-12-06T05:30:00.123456+00:00 web3 access: " + Line, "web3")]
    // RFC 5424 (syslog-ng, rsyslog RSYSLOG_SyslogProtocol23Format): no structured data, and some with escapes
    [InlineData("<190>1 2026-12-06T05:30:00Z web4 nginx 1234 - - " + Line, "web4")]
    [InlineData("<190>1 2026-12-06T05:30:00.5+01:00 web5 nginx - access [meta x=\"a\\]b\"][origin ip=\"10.0.0.5\"] " + Line, "web5")]
    [InlineData("<190>1 2026-12-06T05:30:00Z - nginx - - - \uFEFF" + Line, "")]
    public void The_header_comes_off_and_the_host_is_kept(string message, string host)
    {
        Assert.True(SyslogHeader.TryParse(Encoding.UTF8.GetBytes(message), out var named, out var text));

        Assert.Equal(Line, Encoding.UTF8.GetString(text));
        Assert.Equal(host, Encoding.UTF8.GetString(named));
    }

    [Fact]
    public void A_message_without_a_tag_is_kept_whole_after_the_host()
    {
        Assert.True(SyslogHeader.TryParse("<13>Dec  6 05:30:00 web1 GET /x 200"u8, out var host, out var text));

        Assert.Equal(("web1", "GET /x 200"), (Encoding.UTF8.GetString(host), Encoding.UTF8.GetString(text)));
    }

    [Theory]
    [InlineData(Line)]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("<190>")]
    [InlineData("<1900>Dec  6 05:30:00 web1 nginx: x")]
    [InlineData("<19a>Dec  6 05:30:00 web1 nginx: x")]
    [InlineData("<190>Foo  6 05:30:00 web1 nginx: x")]
    [InlineData("<190>1 2026-12-06T05:30:00Z web4")]
    [InlineData("<190>1 2026-12-06T05:30:00Z web4 nginx - - [unterminated x=\"y\"")]
    public void Text_that_is_not_a_syslog_message_is_not_taken_for_one(string message) =>
        Assert.False(SyslogHeader.TryParse(Encoding.UTF8.GetBytes(message), out _, out _));
}

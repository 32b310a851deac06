using RxLog.Parsing;
using RxLog.Parsing.Templates;
using RxLog.Parsing.W3c;
using RxLog.Tests.Support;

namespace RxLog.Tests.Parsing;

/// <summary>Every format names the client where it writes it (the top clients of reports come from here).</summary>
public class ClientFieldTests
{
    private static string? ClientOf(ILogLineParser parser, params string[] lines)
    {
        LogRecord last = default;
        foreach (string line in lines) parser.TryParse(LogLines.Utf8(line), out last);
        return last.Client;
    }

    [Theory]
    [InlineData("""{"time":"2026-01-01T00:00:00Z","status":200,"uri":"/a","remote_addr":"10.0.0.1"}""", "10.0.0.1")]
    [InlineData("""{"ts":1767225600.5,"status":200,"request":{"uri":"/a","remote_ip":"10.0.0.9","client_ip":"10.0.0.2"}}""", "10.0.0.2")]
    [InlineData("""{"ts":1767225600.5,"status":200,"request":{"uri":"/a","remote_ip":"10.0.0.9"}}""", "10.0.0.9")]
    [InlineData("""{"time":"2026-01-01T00:00:00Z","status":200,"uri":"/a","remote_addr":"-"}""", null)]
    [InlineData("""{"time":"2026-01-01T00:00:00Z","status":200,"uri":"/a"}""", null)]
    public void Json_lines_take_nginx_caddy_and_cloudflare_client_names(string line, string? client)
    {
        Assert.Equal(client, ClientOf(new JsonLineParser(), line));
    }

    [Fact]
    public void Json_field_client_names_any_path()
    {
        Assert.True(JsonFields.TryParse(["client=peer.addr"], out var fields, out _));
        string line = """{"time":"2026-01-01T00:00:00Z","status":200,"uri":"/a","remote_addr":"10.0.0.1","peer":{"addr":"192.0.2.5"}}""";

        Assert.Equal("192.0.2.5", ClientOf(new JsonLineParser(fields), line));
    }

    [Theory]
    [InlineData("%h %a %t \"%r\" %>s %b", "host.example 10.0.0.3 [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.1\" 200 1", "10.0.0.3")]
    [InlineData("%h %t \"%r\" %>s %b", "host.example [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.1\" 200 1", "host.example")]
    [InlineData("$remote_addr [$time_local] \"$request\" $status", "::1 [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.1\" 200", "::1")]
    [InlineData("[$time_local] \"$request\" $status", "[10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.1\" 200", null)]
    public void Log_formats_take_remote_addr_or_percent_a_over_percent_h(string format, string line, string? client)
    {
        Assert.Equal(client, ClientOf(LogFormatTemplate.Compile(format), line));
    }

    [Fact]
    public void W3c_takes_c_ip()
    {
        string? client = ClientOf(new W3cParser(),
            "#Fields: date time c-ip cs-uri-stem sc-status",
            "2026-01-01 00:00:00 2001:db8::7 /a 200");

        Assert.Equal("2001:db8::7", client);
    }
}

using System.Text;
using RxLog.Sources.Network;

namespace RxLog.Tests.Sources.Network;

/// <summary>JSON lines from log shippers give up the access-log line they carry and the host that sent it.</summary>
public class ShipperJsonTests
{
    private const string Line = "10.0.0.1 - - [06/Dec/2026:05:30:00 +0000] \"GET /a HTTP/1.1\" 200 5";

    private static (bool Found, string Line, string Host) Extract(string json)
    {
        var scratch = new byte[200_000];
        bool found = ShipperJson.TryExtract(Encoding.UTF8.GetBytes(json), scratch, out var line, out var host);
        return (found, Encoding.UTF8.GetString(line), Encoding.UTF8.GetString(host));
    }

    [Fact]
    public void Vectors_socket_sink_gives_its_message_and_host() =>
        Assert.Equal((true, Line, "web1"), Extract(
            """{"file":"/var/log/nginx/access.log","host":"web1","message":"10.0.0.1 - - [06/Dec/2026:05:30:00 +0000] \"GET /a HTTP/1.1\" 200 5","source_type":"file","timestamp":"2026-12-06T05:30:00.1Z"}"""));

    [Fact]
    public void Fluent_bits_json_lines_give_their_log_and_no_host() =>
        Assert.Equal((true, "GET /caf\u00e9 \"x\"", ""), Extract("""{"date":1733463000.5,"log":"GET /caf\u00e9 \"x\""}"""));

    [Theory]
    [InlineData("""{"remote_addr":"10.0.0.1","host":"example.com","request":"GET / HTTP/1.1","status":200}""")]
    [InlineData("""{"message":42}""")]
    [InlineData("{not json")]
    [InlineData("""{"message":"cut""")]
    public void An_access_log_object_or_text_that_is_not_a_shippers_json_carries_no_line(string json) =>
        Assert.False(Extract(json).Found);
}

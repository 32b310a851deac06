using System.Text;
using RxLog.Serving;

namespace RxLog.Tests.Serving;

/// <summary>The request head parser on its own: bytes in, a request or the status to refuse it with out.</summary>
public sealed class HttpRequestHeadTests
{
    private static byte[] Bytes(string text) => Encoding.Latin1.GetBytes(text);

    private static HttpRequest Parse(string head)
    {
        var request = HttpRequestHead.Parse(Bytes(head), out int rejection);
        Assert.Equal(0, rejection);
        return request!;
    }

    [Theory]
    [InlineData("GET / HTTP/1.1\r\n\r\n", 18)]
    [InlineData("GET / HTTP/1.1\n\n", 16)]
    [InlineData("GET / HTTP/1.1\r\nHost: a\r\n\r\nGET /next", 27)]
    [InlineData("\r\n\r\nGET / HTTP/1.1\r\n\r\n", 22)]   // empty lines before the request line do not end it
    [InlineData("GET / HTTP/1.1\r\nHost: a\r\n", -1)]
    [InlineData("GET / HTTP/1.1", -1)]
    [InlineData("", -1)]
    public void The_head_ends_at_the_first_empty_line_after_the_request_line(string data, int expected) =>
        Assert.Equal(expected, HttpRequestHead.FindEnd(Bytes(data)));

    [Fact]
    public void A_request_is_read_with_its_path_query_version_and_headers()
    {
        var request = Parse("\r\nGET /metrics?name=x HTTP/1.0\nHost:  example:9100 \r\nAccept: a\r\nACCEPT: b\r\n"
                          + "X-Latin: caf\u00e9\r\n\r\n");

        Assert.Equal(("GET", "/metrics", "name=x", "HTTP/1.0"), (request.Method, request.Path, request.Query, request.Version));
        Assert.Equal("example:9100", request.Header("host"));
        Assert.Equal("a, b", request.Header("Accept"));   // repeated: joined, as list headers are
        Assert.Equal("caf\u00e9", request.Header("x-latin"));   // obs-text read as Latin-1
        Assert.Null(request.Header("Last-Event-ID"));
    }

    [Theory]
    [InlineData("http://example:9100", "/", "")]
    [InlineData("http://example:9100?x", "/", "x")]
    [InlineData("HTTPS://example/a/b?c=d", "/a/b", "c=d")]
    [InlineData("/a%20b?q", "/a%20b", "q")]   // not decoded
    public void The_target_gives_path_and_query(string target, string path, string query)
    {
        var request = Parse($"GET {target} HTTP/1.1\r\nHost: a\r\n\r\n");

        Assert.Equal((path, query), (request.Path, request.Query));
    }

    [Theory]
    [InlineData("GET / HTTP/1.1\r\nHost: a\r\nNoColon\r\n\r\n", 400)]
    [InlineData("GET http:///x HTTP/1.1\r\n\r\n", 400)]
    [InlineData("GET ftp://a/x HTTP/1.1\r\n\r\n", 400)]
    [InlineData("GET / HTTP/3.0\r\n\r\n", 505)]
    [InlineData("GET / HTTP/1.10\r\n\r\n", 400)]
    [InlineData("GET / HTTP/1.1 \r\n\r\n", 400)]
    public void A_malformed_head_is_refused_with_its_status(string head, int status)
    {
        Assert.Null(HttpRequestHead.Parse(Bytes(head), out int rejection));
        Assert.Equal(status, rejection);
    }

    [Theory]
    [InlineData("GET / HTTP/1.1\r\nHost: a\r\n\r\n", 0)]
    [InlineData("HEAD / HTTP/1.1\r\nHost: a\r\n\r\n", 0)]
    [InlineData("GET / HTTP/1.0\r\n\r\n", 0)]
    [InlineData("GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n", 0)]
    [InlineData("POST / HTTP/1.1\r\nHost: a\r\n\r\n", 405)]
    [InlineData("GET / HTTP/1.1\r\n\r\n", 400)]
    [InlineData("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400)]
    [InlineData("GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\n\r\n", 400)]
    [InlineData("GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\nContent-Length: 0\r\n\r\n", 400)]
    [InlineData("GET / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: identity\r\n\r\n", 400)]
    public void A_well_formed_request_is_checked_before_the_handler_sees_it(string head, int status) =>
        Assert.Equal(status, HttpRequestHead.Check(Parse(head)));

    [Theory]
    [InlineData("HTTP/1.1", null, true)]
    [InlineData("HTTP/1.1", "close", false)]
    [InlineData("HTTP/1.1", "Upgrade, Close", false)]
    [InlineData("HTTP/1.0", null, false)]
    [InlineData("HTTP/1.0", "Keep-Alive", true)]
    [InlineData("HTTP/1.0", "keep-alive, close", false)]
    public void The_connection_stays_open_by_version_and_connection_header(string version, string? connection, bool expected)
    {
        var headers = connection is null ? [] : new[] { new KeyValuePair<string, string>("Connection", connection) };

        Assert.Equal(expected, HttpRequestHead.KeepsAlive(new HttpRequest("GET", "/", "", version, headers)));
    }
}

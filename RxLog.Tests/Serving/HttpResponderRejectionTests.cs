using RxLog.Serving;
using RxLog.Tests.Support;

namespace RxLog.Tests.Serving;

/// <summary>Requests <see cref="HttpResponder"/> answers itself, without calling the handler, and then closes on.</summary>
public sealed class HttpResponderRejectionTests
{
    private static async Task<(HttpTestResponse Response, string After)> SendAsync(HttpResponder server, string request)
    {
        using var client = await HttpTestClient.ConnectAsync(server.LocalEndpoint);
        await client.SendAsync(request);
        var response = await client.ReadResponseAsync();
        return (response, await client.ReadToEndAsync());
    }

    private static async Task AssertRejectedAsync(string request, string statusLine)
    {
        await using var server = TestResponders.Start();

        var (response, after) = await SendAsync(server, request);

        Assert.Equal(statusLine, response.StatusLine);
        Assert.Equal("close", response.Headers["Connection"]);
        Assert.Equal("", after);   // closed after the one response
        Assert.Equal(1, server.BadRequests);
        Assert.Equal(0, server.RequestsHandled);
    }

    [Theory]
    [InlineData("HELLO\r\n\r\n")]
    [InlineData("GET /\r\n\r\n")]
    [InlineData("GET / HTTP/1.1 extra\r\nHost: test\r\n\r\n")]
    [InlineData("GET  / HTTP/1.1\r\nHost: test\r\n\r\n")]
    [InlineData("GET / http/1.1\r\nHost: test\r\n\r\n")]
    [InlineData("GET noslash HTTP/1.1\r\nHost: test\r\n\r\n")]
    [InlineData("GET * HTTP/1.1\r\nHost: test\r\n\r\n")]
    [InlineData("G(T / HTTP/1.1\r\nHost: test\r\n\r\n")]
    [InlineData("GET /a\u00e9 HTTP/1.1\r\nHost: test\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\rHost: test\r\n\r\n")]   // a CR that ends no line
    [InlineData("\u0001\u0002\u0003\r\n\r\n")]
    public async Task A_malformed_request_line_gets_400_and_the_connection_closes(string request) =>
        await AssertRejectedAsync(request, "HTTP/1.1 400 Bad Request");

    [Theory]
    [InlineData("GET / HTTP/1.1\r\nHost: test\r\nNoColonHere\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\r\nHost : test\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\r\nHost: test\r\nX-Long: one\r\n two\r\n\r\n")]   // obs-fold
    [InlineData("GET / HTTP/1.1\r\nHost: test\r\n: empty name\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\r\nHost: test\r\nX-Bell: \u0007\r\n\r\n")]
    public async Task A_malformed_header_line_gets_400(string request) =>
        await AssertRejectedAsync(request, "HTTP/1.1 400 Bad Request");

    [Fact]
    public async Task A_request_line_without_a_line_end_gets_400_when_the_client_stops_sending()
    {
        await using var server = TestResponders.Start();
        using var client = await HttpTestClient.ConnectAsync(server.LocalEndpoint);

        await client.SendAsync("GET / HTTP/1.1");
        client.HalfClose();
        var response = await client.ReadResponseAsync();

        Assert.Equal("HTTP/1.1 400 Bad Request", response.StatusLine);
        Assert.Equal("", await client.ReadToEndAsync());
        Assert.Equal(1, server.BadRequests);
    }

    [Fact]
    public async Task A_head_over_8_KiB_gets_431()
    {
        await using var server = TestResponders.Start();

        var (response, after) = await SendAsync(server, $"GET / HTTP/1.1\r\nHost: test\r\nX-Pad: {new string('p', 9 * 1024)}\r\n\r\n");

        Assert.Equal("HTTP/1.1 431 Request Header Fields Too Large", response.StatusLine);
        Assert.Equal("", after);
        Assert.Equal(1, server.BadRequests);
    }

    [Fact]
    public async Task A_head_of_exactly_8_KiB_is_served()
    {
        await using var server = TestResponders.Start();
        const string start = "GET / HTTP/1.1\r\nHost: test\r\nX-Pad: ", end = "\r\n\r\n";
        string request = start + new string('p', 8192 - start.Length - end.Length) + end;

        using var client = await HttpTestClient.ConnectAsync(server.LocalEndpoint);
        await client.SendAsync(request);
        var padded = await client.ReadResponseAsync();

        Assert.Equal(8192, request.Length);
        Assert.Equal("hello\n", padded.Body);
    }

    [Theory]
    [InlineData("Content-Length: 5\r\n\r\nhello")]
    [InlineData("Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n")]
    [InlineData("Content-Length: x\r\n\r\n")]
    public async Task A_request_with_a_body_gets_400_and_the_body_is_never_read_as_a_request(string rest) =>
        await AssertRejectedAsync("GET / HTTP/1.1\r\nHost: test\r\n" + rest, "HTTP/1.1 400 Bad Request");

    [Fact]
    public async Task A_content_length_of_zero_is_no_body()
    {
        await using var server = TestResponders.Start();
        using var client = await HttpTestClient.ConnectAsync(server.LocalEndpoint);

        await client.SendAsync("GET / HTTP/1.1\r\nHost: test\r\nContent-Length: 0\r\n\r\n");
        var response = await client.ReadResponseAsync();

        Assert.Equal("hello\n", response.Body);
    }

    [Fact]
    public async Task An_http_1_1_request_without_host_gets_400() =>
        await AssertRejectedAsync("GET / HTTP/1.1\r\n\r\n", "HTTP/1.1 400 Bad Request");

    [Fact]
    public async Task An_http_1_1_request_with_two_hosts_gets_400() =>
        await AssertRejectedAsync("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", "HTTP/1.1 400 Bad Request");

    [Fact]
    public async Task An_http_2_request_line_gets_505() =>
        await AssertRejectedAsync("GET / HTTP/2.0\r\nHost: test\r\n\r\n", "HTTP/1.1 505 HTTP Version Not Supported");

    [Fact]
    public async Task A_rejected_head_request_gets_no_body()
    {
        await using var server = TestResponders.Start();
        using var client = await HttpTestClient.ConnectAsync(server.LocalEndpoint);

        await client.SendAsync("HEAD / HTTP/1.1\r\n\r\n");   // no Host
        var response = await client.ReadResponseAsync(head: true);

        Assert.Equal("HTTP/1.1 400 Bad Request", response.StatusLine);
        Assert.Equal("", await client.ReadToEndAsync());
    }
}

using RxLog.Serving;
using RxLog.Tests.Support;

namespace RxLog.Tests.Serving;

/// <summary>What a client asking well gets from <see cref="HttpResponder"/>, over real sockets on 127.0.0.1.</summary>
public sealed class HttpResponderTests
{
    [Fact]
    public async Task A_get_is_answered_with_its_body_content_length_content_type_and_server_and_no_date()
    {
        await using var server = TestResponders.Start();

        var response = await HttpTestClient.GetAsync(server.LocalEndpoint);

        Assert.Equal("HTTP/1.1 200 OK\r\n"
                   + "Server: rxlog\r\n"
                   + "Content-Type: text/plain; charset=utf-8\r\n"
                   + "Content-Length: 6\r\n"
                   + "\r\n"
                   + "hello\n", response.Raw);
        Assert.Equal(1, server.RequestsHandled);
        Assert.Equal(1, server.ConnectionsAccepted);
    }

    [Fact]
    public async Task A_head_gets_the_same_headers_as_a_get_with_the_content_length_and_no_body()
    {
        await using var server = TestResponders.Start();
        using var client = await HttpTestClient.ConnectAsync(server.LocalEndpoint);

        await client.SendAsync("HEAD / HTTP/1.1\r\nHost: test\r\n\r\n");
        var head = await client.ReadResponseAsync(head: true);
        await client.SendAsync("GET / HTTP/1.1\r\nHost: test\r\n\r\n");
        var get = await client.ReadResponseAsync();   // would read the HEAD's stray body as its status line

        Assert.Equal("", head.Body);
        Assert.Equal("6", head.Headers["Content-Length"]);
        Assert.Equal(get.Raw[..^get.Body.Length], head.Raw);
        Assert.Equal("hello\n", get.Body);
    }

    [Fact]
    public async Task A_path_the_handler_does_not_serve_gets_404()
    {
        await using var server = TestResponders.Start();

        var response = await HttpTestClient.GetAsync(server.LocalEndpoint, "/nothing/here");

        Assert.Equal("HTTP/1.1 404 Not Found", response.StatusLine);
        Assert.Equal("404 Not Found\n", response.Body);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("OPTIONS")]
    [InlineData("get")]   // methods are case-sensitive
    public async Task A_method_other_than_get_or_head_gets_405_with_allow_and_the_connection_closes(string method)
    {
        await using var server = TestResponders.Start();
        using var client = await HttpTestClient.ConnectAsync(server.LocalEndpoint);

        await client.SendAsync($"{method} / HTTP/1.1\r\nHost: test\r\nContent-Length: 5\r\n\r\nhello");
        var response = await client.ReadResponseAsync();

        Assert.Equal("HTTP/1.1 405 Method Not Allowed", response.StatusLine);
        Assert.Equal("GET, HEAD", response.Headers["Allow"]);
        Assert.Equal("close", response.Headers["Connection"]);
        Assert.Equal("", await client.ReadToEndAsync());   // the body was not taken for a next request
        Assert.Equal(0, server.RequestsHandled);
        Assert.Equal(1, server.BadRequests);
    }

    [Theory]
    [InlineData("/echo?x=1&y=2", "method=GET path=/echo query=x=1&y=2 id=\n")]
    [InlineData("/echo?", "method=GET path=/echo query= id=\n")]
    [InlineData("/echo?a?b", "method=GET path=/echo query=a?b id=\n")]
    [InlineData("http://test:9100/echo?x=1", "method=GET path=/echo query=x=1 id=\n")]   // absolute-form
    public async Task The_query_string_is_split_off_the_path(string target, string expected)
    {
        await using var server = TestResponders.Start();

        var response = await HttpTestClient.GetAsync(server.LocalEndpoint, target);

        Assert.Equal(expected, response.Body);
    }

    [Fact]
    public async Task Request_headers_are_found_whatever_the_case_of_their_names()
    {
        await using var server = TestResponders.Start();
        using var client = await HttpTestClient.ConnectAsync(server.LocalEndpoint);

        await client.SendAsync("GET /echo HTTP/1.1\r\nhost: test\r\nLAST-EVENT-ID: 42\r\n\r\n");
        var response = await client.ReadResponseAsync();

        Assert.Equal("method=GET path=/echo query= id=42\n", response.Body);
    }

    [Fact]
    public async Task A_handler_that_throws_gets_500_and_the_connection_and_the_server_go_on()
    {
        await using var server = TestResponders.Start();
        using var client = await HttpTestClient.ConnectAsync(server.LocalEndpoint);

        await client.SendAsync("GET /boom HTTP/1.1\r\nHost: test\r\n\r\n");
        var failed = await client.ReadResponseAsync();
        await client.SendAsync("GET / HTTP/1.1\r\nHost: test\r\n\r\n");
        var next = await client.ReadResponseAsync();
        var other = await HttpTestClient.GetAsync(server.LocalEndpoint);

        Assert.Equal("HTTP/1.1 500 Internal Server Error", failed.StatusLine);
        Assert.Equal("500 Internal Server Error\n", failed.Body);   // nothing of the exception reaches the client
        Assert.Equal("hello\n", next.Body);
        Assert.Equal("hello\n", other.Body);
        Assert.Equal(1, server.HandlerErrors);
        Assert.Equal(3, server.RequestsHandled);
    }

    [Fact]
    public async Task Headers_a_handler_adds_are_sent()
    {
        await using var server = TestResponders.Start(_ =>
            HttpResponse.Text("# metrics\n", contentType: "text/plain; version=0.0.4").WithHeader("X-Test", "yes"));

        var response = await HttpTestClient.GetAsync(server.LocalEndpoint);

        Assert.Equal("HTTP/1.1 200 OK\r\n"
                   + "Server: rxlog\r\n"
                   + "Content-Type: text/plain; version=0.0.4\r\n"
                   + "X-Test: yes\r\n"
                   + "Content-Length: 10\r\n"
                   + "\r\n"
                   + "# metrics\n", response.Raw);
    }

    [Fact]
    public async Task A_body_larger_than_one_write_arrives_whole()
    {
        string big = new('x', 200_000);
        await using var server = TestResponders.Start(_ => HttpResponse.Text(big));

        var response = await HttpTestClient.GetAsync(server.LocalEndpoint);

        Assert.Equal("200000", response.Headers["Content-Length"]);
        Assert.Equal(big, response.Body);
    }
}

using System.Net.Sockets;
using RxLog.Serving;
using RxLog.Tests.Support;

namespace RxLog.Tests.Serving;

/// <summary>How <see cref="HttpResponder"/> keeps, times out, bounds and closes connections.</summary>
public sealed class HttpResponderConnectionTests
{
    private const string Get = "GET / HTTP/1.1\r\nHost: test\r\n\r\n";

    [Fact]
    public async Task Two_requests_are_answered_one_after_the_other_on_one_http_1_1_connection()
    {
        await using var server = TestResponders.Start();
        using var client = await HttpTestClient.ConnectAsync(server.LocalEndpoint);

        await client.SendAsync(Get);
        var first = await client.ReadResponseAsync();
        await client.SendAsync("GET /echo?second HTTP/1.1\r\nHost: test\r\n\r\n");
        var second = await client.ReadResponseAsync();

        Assert.Equal("hello\n", first.Body);
        Assert.False(first.Headers.ContainsKey("Connection"));
        Assert.Equal("method=GET path=/echo query=second id=\n", second.Body);
        Assert.Equal(1, server.ConnectionsAccepted);
    }

    [Fact]
    public async Task Pipelined_requests_sent_in_one_write_are_answered_in_order()
    {
        await using var server = TestResponders.Start();
        using var client = await HttpTestClient.ConnectAsync(server.LocalEndpoint);

        await client.SendAsync("GET /echo?1 HTTP/1.1\r\nHost: test\r\n\r\nGET /echo?2 HTTP/1.1\r\nHost: test\r\n\r\n");
        var first = await client.ReadResponseAsync();
        var second = await client.ReadResponseAsync();

        Assert.Equal("method=GET path=/echo query=1 id=\n", first.Body);
        Assert.Equal("method=GET path=/echo query=2 id=\n", second.Body);
    }

    [Fact]
    public async Task Connection_close_from_the_client_is_answered_with_connection_close_and_the_server_closes()
    {
        await using var server = TestResponders.Start();
        using var client = await HttpTestClient.ConnectAsync(server.LocalEndpoint);

        await client.SendAsync("GET / HTTP/1.1\r\nHost: test\r\nConnection: Close\r\n\r\n");
        var response = await client.ReadResponseAsync();

        Assert.Equal("hello\n", response.Body);
        Assert.Equal("close", response.Headers["Connection"]);
        Assert.Equal("", await client.ReadToEndAsync());
        Assert.False(client.WasReset);
    }

    [Fact]
    public async Task An_http_1_0_request_is_answered_and_the_connection_closed()
    {
        await using var server = TestResponders.Start();
        using var client = await HttpTestClient.ConnectAsync(server.LocalEndpoint);

        await client.SendAsync("GET / HTTP/1.0\r\n\r\n");   // no Host needed in 1.0
        var response = await client.ReadResponseAsync();

        Assert.Equal("HTTP/1.1 200 OK", response.StatusLine);
        Assert.Equal("close", response.Headers["Connection"]);
        Assert.Equal("", await client.ReadToEndAsync());
    }

    [Fact]
    public async Task An_http_1_0_request_with_keep_alive_keeps_the_connection_open()
    {
        await using var server = TestResponders.Start();
        using var client = await HttpTestClient.ConnectAsync(server.LocalEndpoint);

        await client.SendAsync("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
        var first = await client.ReadResponseAsync();
        await client.SendAsync("GET / HTTP/1.0\r\n\r\n");
        var second = await client.ReadResponseAsync();

        Assert.Equal("keep-alive", first.Headers["Connection"]);
        Assert.Equal("hello\n", second.Body);
        Assert.Equal("close", second.Headers["Connection"]);
        Assert.Equal(1, server.ConnectionsAccepted);
    }

    [Fact]
    public async Task A_client_that_sends_one_byte_and_stops_gets_408_and_is_closed_after_the_head_timeout()
    {
        await using var server = TestResponders.Start(new HttpResponderOptions { HeadTimeout = TimeSpan.FromMilliseconds(200) });
        using var client = await HttpTestClient.ConnectAsync(server.LocalEndpoint);

        await client.SendAsync("G");
        var response = await client.ReadResponseAsync();   // bounded by the client's guard, not by a sleep

        Assert.Equal("HTTP/1.1 408 Request Timeout", response.StatusLine);
        Assert.Equal("close", response.Headers["Connection"]);
        Assert.Equal("", await client.ReadToEndAsync());
        Assert.Equal(1, server.ConnectionsTimedOut);
        Assert.Equal(0, server.BadRequests);
    }

    [Fact]
    public async Task An_idle_keep_alive_connection_is_closed_after_the_head_timeout_without_a_response()
    {
        await using var server = TestResponders.Start(new HttpResponderOptions { HeadTimeout = TimeSpan.FromMilliseconds(200) });
        using var client = await HttpTestClient.ConnectAsync(server.LocalEndpoint);

        await client.SendAsync(Get);
        var response = await client.ReadResponseAsync();

        Assert.Equal("hello\n", response.Body);
        Assert.Equal("", await client.ReadToEndAsync());
        Assert.Equal(1, server.ConnectionsTimedOut);
    }

    [Fact]
    public async Task Past_the_bound_a_new_connection_takes_the_slot_of_the_one_that_waited_longest_for_its_request()
    {
        // 100 clients that never finish a head must not keep a scraper out for good: the one that has waited longest
        // is closed unanswered, the newcomer served.
        var options = new HttpResponderOptions { MaxConnections = 2, HeadTimeout = TimeSpan.FromMinutes(1) };
        await using var server = TestResponders.Start(options);
        using var first = await HttpTestClient.ConnectAsync(server.LocalEndpoint);
        using var second = await HttpTestClient.ConnectAsync(server.LocalEndpoint);
        await second.SendAsync("GET / HT");   // trickling: still waited for

        var served = await HttpTestClient.GetAsync(server.LocalEndpoint);
        string firstEnd = await first.ReadToEndAsync();
        await second.SendAsync("TP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        string secondAnswer = await second.ReadToEndAsync();

        Assert.Equal("hello\n", served.Body);
        Assert.Equal("", firstEnd);                          // evicted: closed with no response
        Assert.StartsWith("HTTP/1.1 200 OK", secondAnswer);  // the younger one kept its slot
        Assert.Equal((1L, 0L, 3L), (server.ConnectionsEvicted, server.ConnectionsRefused, server.ConnectionsAccepted));
    }

    [Fact]
    public async Task When_every_connection_is_busy_serving_a_new_one_is_closed_at_once_and_counted()
    {
        var streams = new TaskCompletionSource();
        var options = new HttpResponderOptions { MaxConnections = 2, HeadTimeout = TimeSpan.FromMinutes(1) };
        await using var server = TestResponders.Start(request => request.Path == "/stream"
            ? HttpResponse.Stream(async (_, ct) => await streams.Task.WaitAsync(ct))
            : TestResponders.Routes(request), options);
        using var first = await HttpTestClient.ConnectAsync(server.LocalEndpoint);
        using var second = await HttpTestClient.ConnectAsync(server.LocalEndpoint);
        await first.SendAsync("GET /stream HTTP/1.1\r\nHost: x\r\n\r\n");
        await second.SendAsync("GET /stream HTTP/1.1\r\nHost: x\r\n\r\n");
        await first.ReadThroughAsync("\r\n\r\n");   // both are streaming now
        await second.ReadThroughAsync("\r\n\r\n");

        using var third = await HttpTestClient.ConnectAsync(server.LocalEndpoint);
        string refused = await third.ReadToEndAsync();
        streams.SetResult();
        await first.ReadToEndAsync();   // the streams are over; the server waits for the clients to close
        await second.ReadToEndAsync();
        var served = await HttpTestClient.GetAsync(server.LocalEndpoint);   // takes the slot of one of them

        Assert.Equal("", refused);
        Assert.Equal("hello\n", served.Body);
        Assert.Equal((1L, 1L), (server.ConnectionsRefused, server.ConnectionsEvicted));
    }

    [Fact]
    public async Task A_client_that_resets_mid_request_leaves_the_server_serving()
    {
        await using var server = TestResponders.Start();
        var partial = await HttpTestClient.ConnectAsync(server.LocalEndpoint);
        var unread = await HttpTestClient.ConnectAsync(server.LocalEndpoint);

        await partial.SendAsync("GET / HTTP/1.1\r\nHo");
        partial.Reset();
        await unread.SendAsync(Get);
        unread.Reset();                                   // gone before its response is written
        var response = await HttpTestClient.GetAsync(server.LocalEndpoint);

        Assert.Equal("hello\n", response.Body);
    }

    [Fact]
    public async Task A_client_that_half_closes_after_its_request_still_gets_the_response()
    {
        await using var server = TestResponders.Start();
        using var client = await HttpTestClient.ConnectAsync(server.LocalEndpoint);

        await client.SendAsync(Get);
        client.HalfClose();
        var response = await client.ReadResponseAsync();

        Assert.Equal("hello\n", response.Body);
        Assert.Equal("", await client.ReadToEndAsync());
    }

    [Fact]
    public async Task Disposing_the_responder_closes_open_connections_and_stops_listening()
    {
        var server = TestResponders.Start();
        var endpoint = server.LocalEndpoint;
        using var client = await HttpTestClient.ConnectAsync(endpoint);
        await client.SendAsync(Get);
        await client.ReadResponseAsync();                 // accepted, and now idle on keep-alive

        await server.DisposeAsync().AsTask().WaitAsync(HttpTestClient.Guard);

        Assert.Equal("", await client.ReadToEndAsync());
        Assert.Equal(0, server.OpenConnections);
        await Assert.ThrowsAsync<SocketException>(() => HttpTestClient.ConnectAsync(endpoint));
    }
}

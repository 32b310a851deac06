using System.Text;
using RxLog.Serving;
using RxLog.Tests.Support;

namespace RxLog.Tests.Serving;

/// <summary>Responses written while the client listens (<see cref="HttpResponse.Stream"/>), as Server-Sent Events will be.</summary>
public sealed class HttpResponderStreamingTests
{
    private const string Get = "GET /events HTTP/1.1\r\nHost: test\r\n\r\n";

    /// <summary>A writer that sends one event, then one more each time the test releases it, until its token is cancelled
    /// or a write fails; how it ended is in <see cref="Ended"/>.</summary>
    private sealed class ScriptedWriter
    {
        private readonly SemaphoreSlim _released = new(0);

        public TaskCompletionSource<string> Ended { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Calls;

        public void Release() => _released.Release();

        public async Task WriteAsync(Stream body, CancellationToken cancel)
        {
            Interlocked.Increment(ref Calls);
            try
            {
                for (int n = 1; ; n++)
                {
                    await body.WriteAsync(Encoding.ASCII.GetBytes($"data: {n}\n\n"), cancel);
                    await _released.WaitAsync(cancel);
                }
            }
            catch (OperationCanceledException)
            {
                Ended.TrySetResult("cancelled");
            }
            catch (IOException)
            {
                Ended.TrySetResult("write failed");
            }
        }
    }

    [Fact]
    public async Task A_stream_has_event_stream_headers_no_content_length_and_sends_each_chunk_as_it_is_written()
    {
        var writer = new ScriptedWriter();
        await using var server = TestResponders.Start(_ => HttpResponse.Stream(writer.WriteAsync));
        using var client = await HttpTestClient.ConnectAsync(server.LocalEndpoint);

        await client.SendAsync(Get);
        string head = await client.ReadThroughAsync("\r\n\r\n");
        string first = await client.ReadThroughAsync("\n\n");   // arrives while the writer waits for its release
        writer.Release();
        string second = await client.ReadThroughAsync("\n\n");

        Assert.Equal("HTTP/1.1 200 OK\r\n"
                   + "Server: rxlog\r\n"
                   + "Content-Type: text/event-stream\r\n"
                   + "Cache-Control: no-cache\r\n"
                   + "Connection: close\r\n"
                   + "\r\n", head);
        Assert.Equal("data: 1\n\n", first);
        Assert.Equal("data: 2\n\n", second);
    }

    [Fact]
    public async Task A_stream_writer_waiting_for_data_sees_its_token_cancelled_when_the_client_disconnects()
    {
        var writer = new ScriptedWriter();
        await using var server = TestResponders.Start(_ => HttpResponse.Stream(writer.WriteAsync));
        var client = await HttpTestClient.ConnectAsync(server.LocalEndpoint);
        await client.SendAsync(Get);
        await client.ReadThroughAsync("data: 1\n\n");

        client.Dispose();

        Assert.Equal("cancelled", await writer.Ended.Task.WaitAsync(HttpTestClient.Guard));
        Assert.Equal(0, server.HandlerErrors);
    }

    [Fact]
    public async Task A_stream_writer_that_keeps_writing_returns_when_the_client_disconnects()
    {
        var ended = new TaskCompletionSource<Exception>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = TestResponders.Start(_ => HttpResponse.Stream(async (body, cancel) =>
        {
            var chunk = Encoding.ASCII.GetBytes(": keep-alive\n\n");
            try
            {
                while (true) await body.WriteAsync(chunk, CancellationToken.None);   // heedless of the token
            }
            catch (Exception e)
            {
                ended.TrySetResult(e);
            }
        }));
        var client = await HttpTestClient.ConnectAsync(server.LocalEndpoint);
        await client.SendAsync(Get);
        await client.ReadThroughAsync(": keep-alive\n\n");

        client.Reset();

        var error = await ended.Task.WaitAsync(HttpTestClient.Guard);
        Assert.True(error is IOException or OperationCanceledException, error.ToString());
    }

    [Fact]
    public async Task A_head_request_for_a_stream_gets_the_headers_and_the_writer_is_not_called()
    {
        var writer = new ScriptedWriter();
        await using var server = TestResponders.Start(_ => HttpResponse.Stream(writer.WriteAsync));
        using var client = await HttpTestClient.ConnectAsync(server.LocalEndpoint);

        await client.SendAsync("HEAD /events HTTP/1.1\r\nHost: test\r\n\r\n");
        var response = await client.ReadResponseAsync(head: true);

        Assert.Equal("text/event-stream", response.Headers["Content-Type"]);
        Assert.False(response.Headers.ContainsKey("Content-Length"));
        Assert.Equal("", await client.ReadToEndAsync());
        Assert.Equal(0, writer.Calls);
    }

    [Fact]
    public async Task When_the_stream_writer_returns_the_connection_is_closed()
    {
        await using var server = TestResponders.Start(_ => HttpResponse.Stream(
            (body, cancel) => body.WriteAsync("data: last\n\n"u8.ToArray(), cancel).AsTask()));
        using var client = await HttpTestClient.ConnectAsync(server.LocalEndpoint);

        await client.SendAsync(Get);
        await client.ReadThroughAsync("\r\n\r\n");

        Assert.Equal("data: last\n\n", await client.ReadToEndAsync());
    }

    [Fact]
    public async Task A_stream_writer_that_fails_is_counted_and_the_server_goes_on()
    {
        await using var server = TestResponders.Start(request => request.Path == "/events"
            ? HttpResponse.Stream((_, _) => throw new InvalidOperationException("the writer failed"))
            : TestResponders.Routes(request));
        using var client = await HttpTestClient.ConnectAsync(server.LocalEndpoint);

        await client.SendAsync(Get);
        await client.ReadThroughAsync("\r\n\r\n");
        string rest = await client.ReadToEndAsync();
        var next = await HttpTestClient.GetAsync(server.LocalEndpoint);

        Assert.Equal("", rest);
        Assert.Equal(1, server.HandlerErrors);
        Assert.Equal("hello\n", next.Body);
    }

    [Fact]
    public async Task Disposing_the_responder_cancels_a_stream_writer_and_waits_for_it()
    {
        var writer = new ScriptedWriter();
        var server = TestResponders.Start(_ => HttpResponse.Stream(writer.WriteAsync));
        using var client = await HttpTestClient.ConnectAsync(server.LocalEndpoint);
        await client.SendAsync(Get);
        await client.ReadThroughAsync("data: 1\n\n");

        await server.DisposeAsync().AsTask().WaitAsync(HttpTestClient.Guard);

        Assert.True(writer.Ended.Task.IsCompleted);
        Assert.Equal("", await client.ReadToEndAsync());
    }
}

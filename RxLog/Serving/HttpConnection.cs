using System.Buffers;
using System.Net.Sockets;

namespace RxLog.Serving;

/// <summary>One accepted connection of <see cref="HttpResponder"/>, served on its own task: request heads read under the
/// head timeout, answered one after the other (keep-alive, pipelining), until either side closes.</summary>
/// <remarks>
/// <para>When the responder closes a connection that may still be sending (after <c>Connection: close</c>, a rejection, a
/// stream's end) it closes its sending side and reads what still comes, up to 64 KiB or the head timeout, before it closes
/// the socket: closed with unread data, a socket sends a reset, which can destroy the final response on its way to the
/// client (the lingering close of RFC 9112 §9.6).</para>
/// <para>The open-connection count is released before the socket closes, so a client that sees the close can count on
/// the slot being free.</para>
/// </remarks>
internal sealed class HttpConnection
{
    private const int LingerBytes = 64 * 1024;
    private const int SingleWriteBytes = 16 * 1024;

    private readonly HttpResponder _owner;
    private readonly HttpResponderOptions _options;
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly ResponseStream _out;
    private readonly CancellationToken _stopping;
    private byte[] _buffer = [];
    private int _filled;   // bytes of _buffer read and not yet taken by a request head
    private long _waitingSince;   // the responder's ticket from when it began waiting on the client; 0 while serving
    private int _evicted;

    private enum HeadRead { Complete, ClientClosed, Idle, Stalled, TooLarge, Truncated }

    public HttpConnection(HttpResponder owner, Socket socket, CancellationToken stopping)
    {
        _owner = owner;
        _options = owner.Options;
        _socket = socket;
        _stopping = stopping;
        _stream = new NetworkStream(socket, ownsSocket: false);
        _out = new ResponseStream(_stream, _options.WriteTimeout, stopping, owner.CountTimedOut);
        _waitingSince = owner.NextTicket();   // in accept order: the first request head is waited for from here
    }

    /// <summary>When the connection began waiting on its client (for a request head, or to close in a lingering close),
    /// as a ticket of the responder's: lower is longer ago. 0 while it is reading a request or writing a response.</summary>
    public long WaitingSince => Volatile.Read(ref _waitingSince);

    // From here the connection waits on its client, and may be evicted to make room.
    private void WaitingFromNow() => Volatile.Write(ref _waitingSince, _owner.NextTicket());

    /// <summary>True once chosen to make room (<see cref="TryEvict"/>), while it closes.</summary>
    public bool Evicted => Volatile.Read(ref _evicted) != 0;

    /// <summary>Closes a connection that is waiting on its client, to make room for a new one; false when it was
    /// already chosen.</summary>
    public bool TryEvict()
    {
        if (Interlocked.Exchange(ref _evicted, 1) != 0) return false;
        Abort();
        return true;
    }

    /// <summary>Completes when the connection is closed; never faults.</summary>
    public Task Completion { get; private set; } = Task.CompletedTask;

    public void Start() => Completion = Task.Run(ServeAsync);

    /// <summary>Closes the socket under whatever the connection's task is doing, which then ends.</summary>
    public void Abort() => _socket.Dispose();

    private async Task ServeAsync()
    {
        _buffer = ArrayPool<byte>.Shared.Rent(_options.MaxHeadBytes);
        try
        {
            if (await ServeRequestsAsync()) await LingerAsync();
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // the client reset or left, a write timed out, or the responder is stopping: this connection ends, nothing more
        }
        catch (Exception)
        {
            // a fault in serving one connection ends that connection, never the process
        }
        finally
        {
            _owner.Closed(this);
            _socket.Dispose();
            ArrayPool<byte>.Shared.Return(_buffer);
        }
    }

    /// <returns>True when the responder chose to close (and lingers), false when the client closed or the stream ended.</returns>
    private async Task<bool> ServeRequestsAsync()
    {
        while (true)
        {
            var (read, length) = await ReadHeadAsync();
            switch (read)
            {
                case HeadRead.ClientClosed:
                    return false;
                case HeadRead.Idle:
                    _owner.CountTimedOut();
                    return true;
                case HeadRead.Stalled:
                    _owner.CountTimedOut();
                    await RejectAsync(408, headOnly: false);
                    return true;
                case HeadRead.TooLarge:
                case HeadRead.Truncated:
                    _owner.CountBadRequest();
                    await RejectAsync(read == HeadRead.TooLarge ? 431 : 400, headOnly: false);
                    return true;
            }

            var request = HttpRequestHead.Parse(_buffer.AsSpan(0, length), out int rejection);
            if (request is not null) rejection = HttpRequestHead.Check(request);
            if (rejection != 0 || request is null)
            {
                _owner.CountBadRequest();
                await RejectAsync(rejection, headOnly: request?.IsHead == true);
                return true;   // what follows may be a body, which would be read as the next request
            }
            _buffer.AsSpan(length, _filled - length).CopyTo(_buffer);   // a pipelined next request stays
            _filled -= length;

            var response = Handle(request);
            if (response.IsStreaming)
            {
                await _out.WriteAsync(ResponseHead.Format(response, ResponseHead.Connection.Close));
                if (request.IsHead) return true;
                await StreamAsync(response);
                return false;
            }
            bool keepAlive = HttpRequestHead.KeepsAlive(request);
            await WriteAsync(response, request.IsHead, !keepAlive ? ResponseHead.Connection.Close
                                                     : request.Version == "HTTP/1.0" ? ResponseHead.Connection.KeepAlive
                                                     : ResponseHead.Connection.Default);
            if (!keepAlive) return true;
        }
    }

    private async Task<(HeadRead Read, int Length)> ReadHeadAsync()
    {
        if (WaitingSince == 0) WaitingFromNow();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping);
        timeout.CancelAfter(_options.HeadTimeout);   // for the whole head: a client trickling bytes gains nothing
        while (true)
        {
            int end = HttpRequestHead.FindEnd(_buffer.AsSpan(0, _filled));
            if (end > 0)
            {
                Volatile.Write(ref _waitingSince, 0);
                return (HeadRead.Complete, end);
            }
            if (_filled >= _options.MaxHeadBytes) return (HeadRead.TooLarge, 0);
            int read;
            try
            {
                read = await _stream.ReadAsync(_buffer.AsMemory(_filled, _options.MaxHeadBytes - _filled), timeout.Token);
            }
            catch (OperationCanceledException) when (!_stopping.IsCancellationRequested)
            {
                return (_filled > 0 ? HeadRead.Stalled : HeadRead.Idle, 0);
            }
            if (read == 0) return (_filled > 0 ? HeadRead.Truncated : HeadRead.ClientClosed, 0);
            _filled += read;
        }
    }

    private HttpResponse Handle(HttpRequest request)
    {
        _owner.CountRequest();
        try
        {
            return _owner.Handler(request) ?? throw new InvalidOperationException("the handler returned no response");
        }
        catch (Exception)
        {
            _owner.CountHandlerError();
            return HttpResponse.Error(500);
        }
    }

    private Task RejectAsync(int statusCode, bool headOnly)
    {
        var response = HttpResponse.Error(statusCode);
        if (statusCode == 405) response = response.WithHeader("Allow", "GET, HEAD");
        return WriteAsync(response, headOnly, ResponseHead.Connection.Close);
    }

    private async Task WriteAsync(HttpResponse response, bool headOnly, ResponseHead.Connection connection)
    {
        byte[] head = ResponseHead.Format(response, connection);
        var body = headOnly ? ReadOnlyMemory<byte>.Empty : response.Body;
        if (body.Length > SingleWriteBytes)
        {
            await _out.WriteAsync(head);
            await _out.WriteAsync(body);
            return;
        }
        var all = new byte[head.Length + body.Length];   // one write, one segment for the usual small response
        head.CopyTo(all, 0);
        body.Span.CopyTo(all.AsSpan(head.Length));
        await _out.WriteAsync(all);
    }

    private async Task StreamAsync(HttpResponse response)
    {
        using var clientGone = CancellationTokenSource.CreateLinkedTokenSource(_stopping);
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(_stopping);
        var watcher = WatchAsync(clientGone, watching.Token);
        var body = new ResponseStream(_stream, _options.WriteTimeout, clientGone.Token, _owner.CountTimedOut);
        try
        {
            await response.Writer!(body, clientGone.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // the client left, a write timed out, or the responder is stopping
        }
        catch (Exception)
        {
            _owner.CountHandlerError();
        }
        // The body ends with the connection: close our side and let the watcher read until the client closes its own.
        WaitingFromNow();
        try
        {
            _socket.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
        watching.CancelAfter(_options.HeadTimeout);
        await watcher;
    }

    // The request had no body, so the client sends nothing more while a stream is written: a read that ends (0 bytes on
    // close, an error on reset) means it left, which a writer waiting for data would otherwise learn only at its next write.
    private async Task WatchAsync(CancellationTokenSource clientGone, CancellationToken watching)
    {
        try
        {
            await DrainAsync(watching);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
        }
        clientGone.Cancel();
    }

    private async Task LingerAsync()
    {
        WaitingFromNow();   // the response is out: only the close is awaited
        _socket.Shutdown(SocketShutdown.Send);
        using var linger = CancellationTokenSource.CreateLinkedTokenSource(_stopping);
        linger.CancelAfter(_options.HeadTimeout);
        await DrainAsync(linger.Token);
    }

    private async Task DrainAsync(CancellationToken token)
    {
        for (int total = 0; total <= LingerBytes;)
        {
            int read = await _stream.ReadAsync(_buffer, token);
            if (read == 0) return;
            total += read;
        }
    }
}

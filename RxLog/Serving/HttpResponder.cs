using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace RxLog.Serving;

/// <summary>The small HTTP/1.1 server behind <c>--listen</c>: GET and HEAD on a <see cref="TcpListener"/>, each
/// connection on its own task, every answer from one synchronous handler.</summary>
/// <remarks>
/// <para>Not <c>HttpListener</c> (it crashed when polled while starting) and not Kestrel (too big for a trimmed single
/// file); what a metrics scrape and an event stream need, no more.</para>
/// <para>The accept loop runs on the thread pool and never blocks the caller. The handler is called on the connection's
/// task, so it must be quick (read a snapshot, format it): the pipeline never waits for a client. Answered by the
/// responder itself, without the handler: a malformed head (400), a head over <see cref="HttpResponderOptions.MaxHeadBytes"/>
/// (431), a method other than GET or HEAD (405, <c>Allow: GET, HEAD</c>), an HTTP version other than 1.0 and 1.1 (505),
/// a request with a body (400: <c>Content-Length</c> above 0 or any <c>Transfer-Encoding</c>; bodies are never read, so
/// one could not be told from the next request), an HTTP/1.1 request without <c>Host</c> (400). Each of these closes the
/// connection. A handler that throws gives 500, counted in <see cref="HandlerErrors"/>, and the connection goes on.</para>
/// <para>HTTP/1.1 connections stay open for further requests (answered in order, pipelined ones too) unless the client
/// sends <c>Connection: close</c>; HTTP/1.0 ones close unless it sends <c>Connection: keep-alive</c>. Every response
/// carries <c>Content-Length</c>, except a stream (<see cref="HttpResponse.Stream"/>), which ends with the connection.</para>
/// <para>Limits (<see cref="HttpResponderOptions"/>): a head not complete within the head timeout gets 408 if part of it
/// came, or a silent close if none did (an idle keep-alive connection); a write the client does not take within the write
/// timeout drops the connection; past the bound on open connections a new one is closed at once, without a response
/// (<see cref="ConnectionsRefused"/>). Timeouts are socket timeouts (<c>CancelAfter</c> on the I/O), not pipeline time.
/// A client that resets or half-closes ends its own connection only.</para>
/// <para>Dispose to stop: the listener closes, every open connection is closed, and a stream's writer sees its token
/// cancelled. <see cref="DisposeAsync"/> also waits for every connection's task to end (so a stream writer must return
/// once its token is cancelled); <see cref="Dispose"/> does not wait.</para>
/// </remarks>
public sealed class HttpResponder : IAsyncDisposable, IDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<HttpConnection, byte> _connections = new();
    private Task _accepting = Task.CompletedTask;
    private int _open;
    private int _stopped;
    private long _accepted, _refused, _evicted, _timedOut, _badRequests, _handlerErrors, _requests, _acceptErrors;
    private long _tickets;

    private HttpResponder(TcpListener listener, Func<HttpRequest, HttpResponse> handler, HttpResponderOptions options)
    {
        _listener = listener;
        Handler = handler;
        Options = options;
        LocalEndpoint = (IPEndPoint)listener.LocalEndpoint;
    }

    /// <summary>Binds <paramref name="endpoint"/> (port 0: any free port, see <see cref="LocalEndpoint"/>) and starts
    /// accepting connections in the background. <c>[::]</c> is bound dual-stack, so IPv4 clients reach it too.</summary>
    /// <exception cref="SocketException">The address cannot be bound: in use, not this machine's, not permitted.</exception>
    public static HttpResponder Start(IPEndPoint endpoint, Func<HttpRequest, HttpResponse> handler,
                                      HttpResponderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(handler);
        options ??= HttpResponderOptions.Default;
        options.Validate();
        var listener = new TcpListener(endpoint);
        try
        {
            if (endpoint.Address.Equals(IPAddress.IPv6Any)) listener.Server.DualMode = true;
            listener.Start();
        }
        catch
        {
            listener.Dispose();
            throw;
        }
        var responder = new HttpResponder(listener, handler, options);
        responder._accepting = Task.Run(responder.AcceptAsync);
        return responder;
    }

    /// <summary>The address and port bound: the port chosen when 0 was asked for.</summary>
    public IPEndPoint LocalEndpoint { get; }

    public HttpResponderOptions Options { get; }

    /// <summary>Connections taken in and served (not counting the refused ones).</summary>
    public long ConnectionsAccepted => Interlocked.Read(ref _accepted);

    /// <summary>Connections closed at once because <see cref="HttpResponderOptions.MaxConnections"/> were open and
    /// every one was busy serving.</summary>
    public long ConnectionsRefused => Interlocked.Read(ref _refused);

    /// <summary>Connections closed, while they waited on their client, to make room for a new one.</summary>
    public long ConnectionsEvicted => Interlocked.Read(ref _evicted);

    /// <summary>Connections closed for a timeout: no complete head within the head timeout (idle keep-alive connections
    /// included), or a write the client did not take within the write timeout.</summary>
    public long ConnectionsTimedOut => Interlocked.Read(ref _timedOut);

    /// <summary>Requests the responder answered itself with 400, 405, 431 or 505.</summary>
    public long BadRequests => Interlocked.Read(ref _badRequests);

    /// <summary>Handler calls that threw (answered 500), and stream writers that failed with something other than the
    /// client leaving.</summary>
    public long HandlerErrors => Interlocked.Read(ref _handlerErrors);

    /// <summary>Requests passed to the handler.</summary>
    public long RequestsHandled => Interlocked.Read(ref _requests);

    /// <summary>Accepts that failed for a reason other than the client giving up (e.g. too many open files).</summary>
    public long AcceptErrors => Interlocked.Read(ref _acceptErrors);

    /// <summary>Connections open now.</summary>
    public int OpenConnections => Volatile.Read(ref _open);

    internal Func<HttpRequest, HttpResponse> Handler { get; }

    internal void CountTimedOut() => Interlocked.Increment(ref _timedOut);
    internal void CountBadRequest() => Interlocked.Increment(ref _badRequests);
    internal void CountHandlerError() => Interlocked.Increment(ref _handlerErrors);
    internal void CountRequest() => Interlocked.Increment(ref _requests);
    internal long NextTicket() => Interlocked.Increment(ref _tickets);

    internal void Closed(HttpConnection connection)
    {
        _connections.TryRemove(connection, out _);
        Interlocked.Decrement(ref _open);
    }

    /// <summary>Stops listening and closes every connection, without waiting for their tasks to end.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0) return;
        _stopping.Cancel();
        _listener.Stop();
        foreach (var connection in _connections.Keys) connection.Abort();
    }

    /// <summary>Stops listening, closes every connection and waits until each connection's task has ended.</summary>
    public async ValueTask DisposeAsync()
    {
        Dispose();
        await _accepting;   // after it no connection is added
        await Task.WhenAll(_connections.Keys.Select(connection => connection.Completion));
    }

    private async Task AcceptAsync()
    {
        var stopping = _stopping.Token;
        int failures = 0;
        while (!stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(stopping);
                failures = 0;
            }
            catch (Exception e) when (stopping.IsCancellationRequested
                                      && e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionAborted
                                                                 or SocketError.Interrupted)
            {
                continue;   // the client gave up before its connection was taken
            }
            catch (Exception)
            {
                // Out of descriptors or memory (a SocketException): the connection stays queued and accept would fail
                // again at once, so back off (5 ms doubling to 1 s, as Go's net/http does) instead of spinning.
                Interlocked.Increment(ref _acceptErrors);
                await PauseAsync(TimeSpan.FromMilliseconds(Math.Min(1000, 5 << Math.Min(failures++, 8))), stopping);
                continue;
            }
            Admit(socket);
        }
    }

    private void Admit(Socket socket)
    {
        if (Interlocked.Increment(ref _open) > Options.MaxConnections && !EvictLongestWaiting())
        {
            // Closed unanswered: a 503 would cost a write and a lingering read per refused client, while the bound is
            // there to cap what clients cost.
            Interlocked.Decrement(ref _open);
            Interlocked.Increment(ref _refused);
            socket.Dispose();
            return;
        }
        HttpConnection connection;
        try
        {
            socket.NoDelay = true;   // a small response or one event goes out at once
            socket.SendTimeout = (int)Math.Min(int.MaxValue, Options.WriteTimeout.TotalMilliseconds);
            connection = new HttpConnection(this, socket, _stopping.Token);
        }
        catch (Exception e) when (e is SocketException or IOException or ObjectDisposedException)
        {
            Interlocked.Decrement(ref _open);   // reset before it was served
            socket.Dispose();
            return;
        }
        Interlocked.Increment(ref _accepted);
        _connections.TryAdd(connection, 0);
        connection.Start();   // if the responder stopped meanwhile, its first read sees the cancelled token
    }

    // Full: the connection that has waited longest on its client (an idle keep-alive, a client trickling its head, a
    // lingering close) is closed so the new one can be served, as nginx drains idle keep-alive connections when it runs
    // out; otherwise 100 slow clients would keep every scraper out. Its slot comes back when its task ends, so the count
    // may pass the bound by the evictions still closing. Only when every connection is busy serving is the new one refused.
    private bool EvictLongestWaiting()
    {
        while (true)
        {
            HttpConnection? longest = null;
            long since = long.MaxValue;
            foreach (var connection in _connections.Keys)
            {
                long waiting = connection.WaitingSince;
                if (waiting != 0 && waiting < since && !connection.Evicted) (longest, since) = (connection, waiting);
            }
            if (longest is null) return false;
            if (!longest.TryEvict()) continue;   // chosen meanwhile by another: look again
            Interlocked.Increment(ref _evicted);
            return true;
        }
    }

    // A socket-style timeout on an I/O retry, not pipeline time (which only ever comes from the injected scheduler).
    private static async Task PauseAsync(TimeSpan pause, CancellationToken stopping)
    {
        using var over = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        over.CancelAfter(pause);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (over.Token.Register(() => done.TrySetResult()))
            await done.Task;
    }
}

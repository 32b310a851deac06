using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;

namespace RxLog.Tests.Support;

/// <summary>A webhook receiver on 127.0.0.1 for tests: records each request (method, path, headers, body) and answers as
/// scripted by the request's number — a status with headers, or no answer at all (the connection held open).</summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    public sealed record Request(int Number, string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body);

    /// <summary>An answer; <see cref="Never"/> holds the connection without one.</summary>
    public sealed record Reply(int Status, string Body = "", params (string Name, string Value)[] Headers)
    {
        public static readonly Reply Ok = new(200);
        public static readonly Reply Never = new(0);
    }

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<int, Reply> _script;
    private readonly Channel<Request> _requests = Channel.CreateUnbounded<Request>();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _clients = new();
    private readonly Task _accepting;
    private int _count;

    public WebhookReceiver(Func<int, Reply>? script = null)
    {
        _script = script ?? (_ => Reply.Ok);
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public string Url => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    public List<Request> Received { get; } = new();

    /// <summary>The next request, in the order they came; fails the test after 10 s rather than hanging it.</summary>
    public async Task<Request> NextAsync() =>
        await _requests.Reader.ReadAsync(_stop.Token).AsTask().WaitAsync(TimeSpan.FromSeconds(10));

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                lock (_clients) _clients.Add(client);
                _ = ServeAsync(client);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        try
        {
            var stream = client.GetStream();
            var reader = new StreamReader(stream, Encoding.UTF8);
            while (await reader.ReadLineAsync(_stop.Token) is { Length: > 0 } requestLine)
            {
                var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                while (await reader.ReadLineAsync(_stop.Token) is { Length: > 0 } header)
                {
                    int colon = header.IndexOf(':');
                    headers[header[..colon]] = header[(colon + 1)..].Trim();
                }
                int length = headers.TryGetValue("Content-Length", out var l) ? int.Parse(l) : 0;
                var body = new char[length];   // the bodies tests send are ASCII JSON: chars are bytes
                int read = 0;
                while (read < length) read += await reader.ReadAsync(body.AsMemory(read), _stop.Token);
                string[] parts = requestLine.Split(' ');
                Request request;
                lock (Received)
                {
                    request = new Request(++_count, parts[0], parts[1], headers, new string(body));
                    Received.Add(request);
                }
                var reply = _script(request.Number);
                _requests.Writer.TryWrite(request);
                if (reply == Reply.Never) return;   // held open until disposed
                var answer = new StringBuilder($"HTTP/1.1 {reply.Status} Status\r\nContent-Length: {Encoding.UTF8.GetByteCount(reply.Body)}\r\n");
                foreach (var (name, value) in reply.Headers) answer.Append($"{name}: {value}\r\n");
                answer.Append("\r\n").Append(reply.Body);
                await stream.WriteAsync(Encoding.UTF8.GetBytes(answer.ToString()), _stop.Token);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        lock (_clients) foreach (var client in _clients) client.Dispose();
        await _accepting;
    }
}

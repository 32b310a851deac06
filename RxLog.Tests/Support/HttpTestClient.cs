using System.Net;
using System.Net.Sockets;
using System.Text;

namespace RxLog.Tests.Support;

/// <summary>A raw HTTP client on one TCP connection, for the responder's tests: sends exactly the bytes a test writes,
/// reads responses as they come, and bounds every wait by <see cref="Guard"/> (a hung server fails the test, no test
/// sleeps).</summary>
/// <remarks>A reset from the server reads as the end of the stream, with <see cref="WasReset"/> set.</remarks>
internal sealed class HttpTestClient : IDisposable
{
    public static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    private readonly Socket _socket;
    private readonly byte[] _chunk = new byte[16 * 1024];
    private readonly List<byte> _pending = [];   // received and not yet taken by a read

    private HttpTestClient(Socket socket) => _socket = socket;

    public bool WasReset { get; private set; }

    public static async Task<HttpTestClient> ConnectAsync(IPEndPoint endpoint)
    {
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(endpoint).WaitAsync(Guard);
        return new HttpTestClient(socket);
    }

    /// <summary>Connects, sends one request and reads its response.</summary>
    public static async Task<HttpTestResponse> GetAsync(IPEndPoint endpoint, string path = "/")
    {
        using var client = await ConnectAsync(endpoint);
        await client.SendAsync($"GET {path} HTTP/1.1\r\nHost: test\r\n\r\n");
        return await client.ReadResponseAsync();
    }

    public Task SendAsync(string text) => SendAsync(Encoding.Latin1.GetBytes(text));

    public async Task SendAsync(byte[] bytes)
    {
        for (int sent = 0; sent < bytes.Length;)
            sent += await _socket.SendAsync(bytes.AsMemory(sent)).AsTask().WaitAsync(Guard);
    }

    /// <summary>Closes the sending side only: the server reads the end of the request stream, the client can still read.</summary>
    public void HalfClose() => _socket.Shutdown(SocketShutdown.Send);

    /// <summary>Closes with a reset (linger 0) instead of the orderly close.</summary>
    public void Reset()
    {
        _socket.LingerState = new LingerOption(true, 0);
        _socket.Dispose();
    }

    /// <summary>Reads one response: status line and headers, then the body by its Content-Length (none after HEAD),
    /// or to the end of the stream when it has none.</summary>
    public async Task<HttpTestResponse> ReadResponseAsync(bool head = false)
    {
        int end;
        while ((end = IndexOf("\r\n\r\n"u8)) < 0)
            if (!await FillAsync()) throw new EndOfStreamException($"the connection ended within a response head: '{Peek()}'");
        string headText = Take(end + 4);
        string[] lines = headText[..^4].Split("\r\n");
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (string line in lines.Skip(1))
        {
            int colon = line.IndexOf(':');
            headers.Add(line[..colon], line[(colon + 1)..].Trim());
        }
        string body;
        if (head) body = "";
        else if (headers.TryGetValue("Content-Length", out var length))
        {
            int n = int.Parse(length);
            while (_pending.Count < n)
                if (!await FillAsync()) throw new EndOfStreamException($"the connection ended within a body: '{Peek()}'");
            body = Take(n);
        }
        else body = await ReadToEndAsync();
        return new HttpTestResponse(headText + body, lines[0], headers, body);
    }

    /// <summary>Reads until the text received contains <paramref name="marker"/>, and returns it through the marker.</summary>
    public async Task<string> ReadThroughAsync(string marker)
    {
        byte[] bytes = Encoding.Latin1.GetBytes(marker);
        int at;
        while ((at = IndexOf(bytes)) < 0)
            if (!await FillAsync()) throw new EndOfStreamException($"the connection ended before '{marker}': '{Peek()}'");
        return Take(at + bytes.Length);
    }

    /// <summary>Everything the server still sends, until it closes the connection.</summary>
    public async Task<string> ReadToEndAsync()
    {
        while (await FillAsync())
        {
        }
        return Take(_pending.Count);
    }

    public void Dispose() => _socket.Dispose();

    private async Task<bool> FillAsync()
    {
        int read;
        try
        {
            read = await _socket.ReceiveAsync(_chunk.AsMemory()).AsTask().WaitAsync(Guard);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
        {
            WasReset = true;
            return false;
        }
        _pending.AddRange(_chunk.AsSpan(0, read));
        return read > 0;
    }

    private int IndexOf(ReadOnlySpan<byte> bytes) =>
        System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_pending).IndexOf(bytes);

    private string Peek() => Encoding.Latin1.GetString(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_pending));

    private string Take(int count)
    {
        string text = Encoding.Latin1.GetString(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_pending)[..count]);
        _pending.RemoveRange(0, count);
        return text;
    }
}

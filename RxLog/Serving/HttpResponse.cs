using System.Text;

namespace RxLog.Serving;

/// <summary>What a handler of <see cref="HttpResponder"/> answers: a status, a body of known length (sent with its
/// <c>Content-Length</c>), or a stream written while the client listens (Server-Sent Events).</summary>
/// <remarks>The responder writes the framing itself: the status line, <c>Server: rxlog</c>, <c>Content-Type</c>,
/// <c>Content-Length</c> and <c>Connection</c>, so <see cref="WithHeader"/> refuses those names. A response to HEAD has the
/// same headers, and no body.</remarks>
public sealed class HttpResponse
{
    public const string PlainText = "text/plain; charset=utf-8";
    public const string EventStream = "text/event-stream";

    private static readonly string[] Reserved = ["Content-Length", "Content-Type", "Connection", "Server", "Transfer-Encoding"];

    private HttpResponse(int statusCode, string contentType, ReadOnlyMemory<byte> body,
                         Func<Stream, CancellationToken, Task>? writer, KeyValuePair<string, string>[] headers)
    {
        StatusCode = statusCode;
        ContentType = contentType;
        Body = body;
        Writer = writer;
        _headers = headers;
    }

    private readonly KeyValuePair<string, string>[] _headers;

    public int StatusCode { get; }
    public string ContentType { get; }

    /// <summary>The body of a response of known length; empty for a streaming one.</summary>
    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>For a streaming response, what writes its body (see <see cref="Stream"/>); otherwise null.</summary>
    public Func<Stream, CancellationToken, Task>? Writer { get; }

    public bool IsStreaming => Writer is not null;

    /// <summary>Headers besides the ones the responder writes itself, in the order they were added.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers => _headers;

    /// <summary>A text body, sent as UTF-8.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="statusCode"/> is not 200–599, or is 204 or 304
    /// (which carry no body and no Content-Length).</exception>
    public static HttpResponse Text(string text, int statusCode = 200, string contentType = PlainText) =>
        Bytes(Encoding.UTF8.GetBytes(text), contentType, statusCode);

    /// <summary>A body of bytes, which the response keeps (not copied): do not change them afterwards.</summary>
    public static HttpResponse Bytes(ReadOnlyMemory<byte> body, string contentType, int statusCode = 200)
    {
        if (statusCode is < 200 or > 599 or 204 or 304)
            throw new ArgumentOutOfRangeException(nameof(statusCode), statusCode, "expected 200-599, not 204 or 304");
        CheckHeaderValue(contentType);
        return new HttpResponse(statusCode, contentType, body, null, []);
    }

    /// <summary>404 with a short text body: what a handler answers for a path it does not serve.</summary>
    public static HttpResponse NotFound() => Error(404);

    /// <summary>A 200 response whose body <paramref name="write"/> writes while the client listens, with
    /// <c>Cache-Control: no-cache</c>, no <c>Content-Length</c> and <c>Connection: close</c>: the body ends when the
    /// connection does.</summary>
    /// <remarks>
    /// <para>The responder sends the headers first, then calls <paramref name="write"/> on the connection's task with a
    /// write-only stream (each write sent at once; a write the client does not take within the responder's write
    /// timeout fails with <see cref="IOException"/>) and a token cancelled when the client closes or resets the
    /// connection (the responder watches for it, so a writer waiting for data learns at once, not at its next write),
    /// or when the responder stops.</para>
    /// <para><paramref name="write"/> should return once the token is cancelled. <see cref="OperationCanceledException"/>
    /// and <see cref="IOException"/> from it are the client going away; any other exception is counted as a handler
    /// error. When it returns the connection is closed. A HEAD request gets the headers and <paramref name="write"/> is
    /// not called.</para>
    /// </remarks>
    public static HttpResponse Stream(Func<Stream, CancellationToken, Task> write, string contentType = EventStream)
    {
        ArgumentNullException.ThrowIfNull(write);
        CheckHeaderValue(contentType);
        return new HttpResponse(200, contentType, ReadOnlyMemory<byte>.Empty, write, [new("Cache-Control", "no-cache")]);
    }

    /// <summary>This response with one more header.</summary>
    /// <exception cref="ArgumentException">The name is not an HTTP token or is one the responder writes itself, or the
    /// value holds a character other than printable ASCII and tab.</exception>
    public HttpResponse WithHeader(string name, string value)
    {
        if (name.Length == 0 || !HttpSyntax.IsToken(name))
            throw new ArgumentException($"'{name}' is not a header name", nameof(name));
        if (Reserved.Contains(name, StringComparer.OrdinalIgnoreCase))
            throw new ArgumentException($"the responder writes {name} itself", nameof(name));
        CheckHeaderValue(value);
        return new HttpResponse(StatusCode, ContentType, Body, Writer, [.. _headers, new(name, value)]);
    }

    /// <summary>A status with its code and reason as a one-line text body, e.g. <c>404 Not Found</c>.</summary>
    internal static HttpResponse Error(int statusCode) =>
        Text($"{statusCode} {HttpSyntax.Reason(statusCode)}\n", statusCode);

    private static void CheckHeaderValue(string value)
    {
        // CR or LF in a value would end the header early and let the rest be read as headers of its own.
        if (!value.All(c => c is '\t' or >= ' ' and <= '~'))
            throw new ArgumentException($"'{value}' holds a character other than printable ASCII", nameof(value));
    }
}

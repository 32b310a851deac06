namespace RxLog.Serving;

/// <summary>One request as <see cref="HttpResponder"/> hands it to its handler: method, path and query split apart, and
/// the headers, looked up whatever the case of their names.</summary>
/// <remarks>The path is the request target's path exactly as sent (not percent-decoded); an absolute-form target
/// (<c>GET http://host:9100/metrics</c>) gives its path too. A header sent more than once has its values joined with
/// <c>", "</c>, as HTTP defines for list headers.</remarks>
public sealed class HttpRequest
{
    private readonly Dictionary<string, string> _headers;

    /// <param name="query">What followed the first <c>?</c> of the target, without it; empty when there was none.</param>
    /// <param name="version"><c>HTTP/1.1</c> or <c>HTTP/1.0</c>.</param>
    public HttpRequest(string method, string path, string query = "", string version = "HTTP/1.1",
                       IEnumerable<KeyValuePair<string, string>>? headers = null)
    {
        Method = method;
        Path = path;
        Query = query;
        Version = version;
        _headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in headers ?? [])
            _headers[name] = _headers.TryGetValue(name, out var earlier) ? earlier + ", " + value : value;
    }

    public string Method { get; }
    public string Path { get; }
    public string Query { get; }
    public string Version { get; }

    /// <summary>Every header, names compared without regard to case.</summary>
    public IReadOnlyDictionary<string, string> Headers => _headers;

    public bool IsHead => Method == "HEAD";

    /// <summary>The value of header <paramref name="name"/> (any case, e.g. <c>last-event-id</c>), or null.</summary>
    public string? Header(string name) => _headers.GetValueOrDefault(name);
}

using System.Text;

namespace RxLog.Serving;

/// <summary>Reads a request head (request line, headers, blank line) from bytes, and decides what the responder answers
/// before any handler sees it: pure, no sockets.</summary>
/// <remarks>Lines end in CRLF or a bare LF (RFC 9112 §2.2 lets a server take LF alone); a CR anywhere else is refused.
/// Empty lines before the request line are skipped (§2.2: left over from a client's previous message). Refused with 400:
/// a request line that is not <c>METHOD SP TARGET SP HTTP/x.y</c> with single spaces, a target that is not
/// <c>/path</c> or <c>http(s)://authority/path</c>, a header line without a colon, with a space before its colon, a name
/// that is not a token, a control character in a value, or a folded (indented) line. A version other than 1.0 and 1.1
/// gets 505.</remarks>
internal static class HttpRequestHead
{
    /// <summary>The length of the head at the start of <paramref name="data"/>, through the blank line ending it, or -1
    /// while that blank line has not arrived.</summary>
    public static int FindEnd(ReadOnlySpan<byte> data)
    {
        bool content = false;
        for (int start = 0; ;)
        {
            int newline = data[start..].IndexOf((byte)'\n');
            if (newline < 0) return -1;
            bool empty = newline == 0 || (newline == 1 && data[start] == '\r');
            if (empty && content) return start + newline + 1;
            content |= !empty;
            start += newline + 1;
        }
    }

    /// <summary>The request in <paramref name="head"/> (as <see cref="FindEnd"/> delimits it), or null with the status to
    /// answer in <paramref name="rejection"/> (400 or 505).</summary>
    public static HttpRequest? Parse(ReadOnlySpan<byte> head, out int rejection)
    {
        rejection = 400;
        int pos = 0;
        ReadOnlySpan<byte> line;
        do
        {
            if (!NextLine(head, ref pos, out line)) return null;
        } while (line.IsEmpty);

        int space = line.IndexOf((byte)' ');
        if (space <= 0 || !HttpSyntax.IsToken(line[..space])) return null;
        string method = Encoding.ASCII.GetString(line[..space]);
        line = line[(space + 1)..];
        space = line.IndexOf((byte)' ');
        if (space <= 0 || !HttpSyntax.IsVisible(line[..space])) return null;
        string target = Encoding.ASCII.GetString(line[..space]);
        var versionBytes = line[(space + 1)..];
        string? version = versionBytes.SequenceEqual("HTTP/1.1"u8) ? "HTTP/1.1"
                        : versionBytes.SequenceEqual("HTTP/1.0"u8) ? "HTTP/1.0"
                        : null;
        if (version is null)
        {
            if (versionBytes.Length == 8 && versionBytes.StartsWith("HTTP/"u8) && char.IsAsciiDigit((char)versionBytes[5])
                && versionBytes[6] == '.' && char.IsAsciiDigit((char)versionBytes[7]))
                rejection = 505;
            return null;
        }
        if (!TrySplitTarget(target, out string path, out string query)) return null;

        var headers = new List<KeyValuePair<string, string>>();
        while (true)
        {
            if (!NextLine(head, ref pos, out line)) return null;
            if (line.IsEmpty) break;
            int colon = line.IndexOf((byte)':');
            if (colon <= 0 || !HttpSyntax.IsToken(line[..colon])) return null;   // also a folded line: it starts with space
            var value = line[(colon + 1)..].Trim(" \t"u8);
            if (!HttpSyntax.IsFieldValue(value)) return null;
            headers.Add(new(Encoding.ASCII.GetString(line[..colon]), Encoding.Latin1.GetString(value)));
        }
        rejection = 0;
        return new HttpRequest(method, path, query, version, headers);
    }

    /// <summary>The status the responder answers a well-formed request with instead of calling the handler, or 0: 405 for
    /// a method other than GET and HEAD; 400 for a body (a <c>Content-Length</c> above 0, any
    /// <c>Transfer-Encoding</c>), an unreadable <c>Content-Length</c>, or an HTTP/1.1 request without exactly one
    /// <c>Host</c> (RFC 9112 §3.2).</summary>
    public static int Check(HttpRequest request)
    {
        if (request.Method is not ("GET" or "HEAD")) return 405;
        if (request.Header("Transfer-Encoding") is not null) return 400;
        if (request.Header("Content-Length") is { } length && (length.Length == 0 || !length.All(c => c == '0')))
            return 400;   // a repeated header reads "0, 0": refused as well
        if (request.Version == "HTTP/1.1" && (request.Header("Host") is not { } host || host.Contains(','))) return 400;
        return 0;
    }

    /// <summary>True when the connection stays open after the response: HTTP/1.1 unless the client sent
    /// <c>Connection: close</c>; HTTP/1.0 only with <c>Connection: keep-alive</c>.</summary>
    public static bool KeepsAlive(HttpRequest request)
    {
        bool close = false, keepAlive = false;
        foreach (var option in (request.Header("Connection") ?? "").Split(',', StringSplitOptions.TrimEntries))
        {
            close |= option.Equals("close", StringComparison.OrdinalIgnoreCase);
            keepAlive |= option.Equals("keep-alive", StringComparison.OrdinalIgnoreCase);
        }
        return !close && (request.Version == "HTTP/1.1" || keepAlive);
    }

    private static bool NextLine(ReadOnlySpan<byte> head, scoped ref int pos, out ReadOnlySpan<byte> line)
    {
        line = default;
        int newline = head[pos..].IndexOf((byte)'\n');
        if (newline < 0) return false;
        line = head.Slice(pos, newline);
        pos += newline + 1;
        if (!line.IsEmpty && line[^1] == '\r') line = line[..^1];
        return !line.Contains((byte)'\r');
    }

    private static bool TrySplitTarget(string target, out string path, out string query)
    {
        path = query = "";
        int start = 0;
        if (target[0] != '/')
        {
            // absolute-form (RFC 9112 §3.2.2): a server must take it, though only proxies are sent it
            int scheme = target.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? 7
                       : target.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? 8
                       : -1;
            if (scheme < 0) return false;
            start = target.IndexOfAny(['/', '?'], scheme);
            if (start == scheme) return false;   // no authority
            if (start < 0) start = target.Length;
        }
        int question = target.IndexOf('?', start);
        path = question < 0 ? target[start..] : target[start..question];
        if (path.Length == 0) path = "/";
        query = question < 0 ? "" : target[(question + 1)..];
        return true;
    }
}

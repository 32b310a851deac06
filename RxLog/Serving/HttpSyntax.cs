namespace RxLog.Serving;

/// <summary>The few pieces of HTTP/1.1 syntax (RFC 9110, 9112) the responder checks and writes.</summary>
internal static class HttpSyntax
{
    /// <summary>tchar: what method and header names are made of.</summary>
    public static bool IsTokenChar(int c) =>
        c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9'
          or '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '-' or '.' or '^' or '_' or '`' or '|' or '~';

    public static bool IsToken(string s) => s.Length > 0 && s.All(c => IsTokenChar(c));

    public static bool IsToken(ReadOnlySpan<byte> s)
    {
        if (s.IsEmpty) return false;
        foreach (byte b in s)
            if (!IsTokenChar(b)) return false;
        return true;
    }

    /// <summary>A request target's characters: visible ASCII, no space.</summary>
    public static bool IsVisible(ReadOnlySpan<byte> s)
    {
        foreach (byte b in s)
            if (b is < 0x21 or > 0x7E) return false;
        return true;
    }

    /// <summary>A field value's characters: visible ASCII, space, tab, and bytes from 0x80 (obs-text, read as Latin-1).</summary>
    public static bool IsFieldValue(ReadOnlySpan<byte> s)
    {
        foreach (byte b in s)
            if (b is < 0x20 and not (byte)'\t' or 0x7F) return false;
        return true;
    }

    public static string Reason(int statusCode) => statusCode switch
    {
        200 => "OK",
        301 => "Moved Permanently",
        302 => "Found",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        406 => "Not Acceptable",
        408 => "Request Timeout",
        410 => "Gone",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        503 => "Service Unavailable",
        505 => "HTTP Version Not Supported",
        < 300 => "OK",
        < 400 => "Redirect",
        < 500 => "Client Error",
        _ => "Server Error",
    };
}

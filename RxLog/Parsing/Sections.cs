using System.Runtime.CompilerServices;
using System.Text;

namespace RxLog.Parsing;

/// <summary>Parsing stage: finds the section of a request (CONTRACT.md "Section") as a byte range, without allocating.</summary>
/// <remarks>
/// The rule, on the raw bytes of the request's second space-separated token (the path):
/// <list type="number">
/// <item>Cut the path at the first <c>?</c> or <c>#</c> (query and fragment go first, so <c>/api/v1?x=/y</c> → <c>/api</c>).</item>
/// <item>A path starting with <c>/</c>: the section runs up to, not including, the second <c>/</c>, or to the end.
/// So <c>/pages/create</c> → <c>/pages</c>, <c>/</c> → <c>/</c>, and <c>//x</c> → <c>/</c>: the first segment of
/// <c>//x</c> is empty, and "up to the second slash" leaves only the leading one.</item>
/// <item>An absolute URI <c>scheme://authority…</c> keeps scheme and authority, then applies rule 2 to its path;
/// with no path at all a <c>/</c> is appended (<c>http://my.site.com</c> → <c>http://my.site.com/</c>), so the
/// section is not a plain slice of the input in that one case (<c>appendSlash</c> of <see cref="TryMeasure"/>).</item>
/// <item>Anything else (<c>*</c>, <c>host:443</c>, an empty token, no second token at all) has no section.</item>
/// </list>
/// Case, percent-encoding and backslash escapes are kept exactly as written; decoding to text is the interner's job.
/// </remarks>
public static class Sections
{
    /// <summary>The request's second space-separated token (<c>GET /a HTTP/1.1</c> → <c>/a</c>); empty when there is none.</summary>
    public static ReadOnlySpan<byte> PathOf(ReadOnlySpan<byte> request) =>
        PathBounds(request, out int start, out int length) ? request.Slice(start, length) : default;

    private static bool PathBounds(ReadOnlySpan<byte> request, out int start, out int length)
    {
        int firstSpace = request.IndexOf((byte)' ');
        if (firstSpace < 0)
        {
            start = length = 0;
            return false;       // "-", TLS garbage, a lone method: no path
        }

        start = firstSpace + 1;
        int end = request[start..].IndexOf((byte)' ');
        length = end < 0 ? request.Length - start : end;    // HTTP/0.9 and truncated requests end without a protocol
        return true;
    }

    /// <summary>The section of a whole request (<c>GET /a/b?c HTTP/1.1</c>): <c>request[start..(start + length)]</c>,
    /// plus a <c>/</c> when <paramref name="appendSlash"/>; false when it has none. The same as
    /// <see cref="TryMeasure"/> of <see cref="PathOf"/>, in one short scan for the usual <c>METHOD /path…</c>.</summary>
    [MethodImpl(HotPath.FullyOptimized)]
    public static bool TryMeasureRequest(ReadOnlySpan<byte> request, out int start, out int length, out bool appendSlash)
    {
        // The method is a few letters: look for its space by hand before paying for a vectorised search.
        int space = -1;
        for (int i = 0, end = Math.Min(request.Length, 16); i < end; i++)
        {
            if (request[i] == (byte)' ')
            {
                space = i;
                break;
            }
        }

        start = space + 1;
        if (space >= 0 && start < request.Length && request[start] == (byte)'/')
        {
            // The first segment ends at the next '/', at a query or fragment, or with the path.
            int i = start + 1;
            while (i < request.Length && request[i] is not ((byte)'/' or (byte)'?' or (byte)'#' or (byte)' '))
            {
                i++;
            }

            length = i - start;
            appendSlash = false;
            return true;
        }

        PathBounds(request, out start, out int pathLength);
        return TryMeasure(request.Slice(start, pathLength), out length, out appendSlash);
    }

    /// <summary>Measures the section of <paramref name="path"/>: it is <c>path[..length]</c>, plus a <c>/</c> when
    /// <paramref name="appendSlash"/> is set. False when the path has no section.</summary>
    public static bool TryMeasure(ReadOnlySpan<byte> path, out int length, out bool appendSlash)
    {
        length = 0;
        appendSlash = false;

        int cut = path.IndexOfAny((byte)'?', (byte)'#');
        if (cut >= 0)
        {
            path = path[..cut];
        }

        if (path.IsEmpty)
        {
            return false;
        }

        if (path[0] == (byte)'/')
        {
            length = FirstSegmentLength(path);
            return true;
        }

        int authorityStart = SchemeLength(path);
        if (authorityStart < 0)
        {
            return false;
        }

        int slash = path[authorityStart..].IndexOf((byte)'/');
        if (slash < 0)
        {
            length = path.Length;
            appendSlash = true;
            return true;
        }

        int pathStart = authorityStart + slash;
        length = pathStart + FirstSegmentLength(path[pathStart..]);
        return true;
    }

    /// <summary>The section of <paramref name="path"/> as a new string (UTF-8, invalid bytes as U+FFFD), or null.
    /// Allocates: for tests and for formats off the hot path; parsers intern through <see cref="InternTable"/>.</summary>
    public static string? Of(ReadOnlySpan<byte> path)
    {
        if (!TryMeasure(path, out int length, out bool appendSlash))
        {
            return null;
        }

        string head = Encoding.UTF8.GetString(path[..length]);
        return appendSlash ? head + "/" : head;
    }

    /// <summary>The section of a path given as text (JSON and W3C formats hand over strings), or null.</summary>
    public static string? Of(string path) => Of(Encoding.UTF8.GetBytes(path));

    // path starts with '/': the section is everything before the next '/'.
    private static int FirstSegmentLength(ReadOnlySpan<byte> path)
    {
        int second = path[1..].IndexOf((byte)'/');
        return second < 0 ? path.Length : second + 1;
    }

    // RFC 3986: scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ), here followed by "://".
    // Returns the index just after "://", or -1 when path is not an absolute URI.
    private static int SchemeLength(ReadOnlySpan<byte> path)
    {
        if (!char.IsAsciiLetter((char)path[0]))
        {
            return -1;
        }

        int i = 1;
        while (i < path.Length && IsSchemeByte(path[i]))
        {
            i++;
        }

        return path[i..].StartsWith("://"u8) ? i + 3 : -1;
    }

    private static bool IsSchemeByte(byte b) =>
        char.IsAsciiLetterOrDigit((char)b) || b == (byte)'+' || b == (byte)'-' || b == (byte)'.';
}

using Microsoft.Win32.SafeHandles;
using RxLog.Parsing.W3c;

namespace RxLog.Sources;

/// <summary>The directives that name a W3C log's columns (<c>#Software:</c> … <c>#Fields:</c>), found before an offset,
/// for <c>watch</c> starting at the end of a file (IIS writes them at the top of each file and after each restart).</summary>
internal static class W3cHeader
{
    private const int NearBytes = 1024 * 1024;   // looked at before the offset: a restart's directives
    private const int HeadBytes = 64 * 1024;     // else the file's first bytes: where IIS writes them

    /// <summary>The block of directive lines ending with the last <c>#Fields:</c> before <paramref name="end"/>, each
    /// ending with <c>\n</c>; null when there is none (any other format). I/O errors propagate.</summary>
    public static byte[]? Before(SafeFileHandle file, long end)
    {
        long from = Math.Max(0, end - NearBytes);
        return Find(Read(file, from, end), from == 0) ?? (from > 0 ? Find(Read(file, 0, Math.Min(end, HeadBytes)), true) : null);
    }

    private static byte[] Read(SafeFileHandle file, long from, long to)
    {
        var buffer = new byte[to - from];
        return buffer[..FileReads.Fully(file, buffer, from)];
    }

    // The last "#Fields:" line that starts a line (at 0 only when `atStart`), with the directive lines just before it.
    private static byte[]? Find(ReadOnlySpan<byte> bytes, bool atStart)
    {
        int at = bytes.LastIndexOf("\n#Fields:"u8);
        int fields = at >= 0 ? at + 1 : atStart && bytes.StartsWith("#Fields:"u8) ? 0 : -1;
        if (fields < 0) return null;
        int end = bytes[fields..].IndexOf((byte)'\n');
        if (end < 0) return null;   // unfinished: no header yet
        end += fields + 1;
        int start = fields;
        while (start > 0)
        {
            int previous = bytes[..(start - 1)].LastIndexOf((byte)'\n') + 1;
            if (previous == 0 && !atStart) break;   // that line's start was not read
            if (!W3cParser.LooksLikeW3c(bytes[previous..(start - 1)])) break;
            start = previous;
        }
        return bytes[start..end].ToArray();
    }
}

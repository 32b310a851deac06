using System.IO.Compression;

namespace RxLog.Sources;

/// <summary>Finds the copy that copytruncate made of a followed file just before truncating it, so that
/// <see cref="FileFollower"/> can read from it the lines written after its last poll, which the truncation took from the
/// file itself.</summary>
/// <remarks>
/// <para>A candidate is a regular file in the same directory whose name starts with the followed file's name
/// (<c>access.log.1</c>, <c>access.log-20261205</c>, <c>access.log.1.gz</c>), plain or gzip (told by its magic bytes), and
/// not the followed file itself. It is the copy when, decompressed, it starts with the bytes that were read from offset 0
/// of the followed file (<see cref="FileHead"/>), holds the last bytes read just before the position (the follower's mark),
/// and is at least as long as the position. Plain files are tried before compressed ones (a <c>.gz</c> may still be being
/// written while its plain original is there), newest first.</para>
/// <para>Nothing is recognised without a head: a file truncated before anything of it was read leaves nothing to compare.
/// A candidate that cannot be read, or whose gzip data is damaged, is passed over.</para>
/// </remarks>
internal static class RotatedCopy
{
    private const int SkipBufferBytes = 64 * 1024;

    /// <summary>The copy, opened and positioned at <paramref name="position"/> (decompressed, for gzip), and its path; null
    /// when there is none. The caller reads the rest of it and disposes it.</summary>
    /// <exception cref="IOException">The directory cannot be listed.</exception>
    public static (Stream Content, string Path)? Find(string path, FileIdentity followed, ReadOnlySpan<byte> head,
        ReadOnlySpan<byte> mark, long position)
    {
        if (head.IsEmpty || position < head.Length) return null;
        string name = Path.GetFileName(path);
        string? directory = Path.GetDirectoryName(path);
        var candidates = new DirectoryInfo(string.IsNullOrEmpty(directory) ? "." : directory).EnumerateFiles()
            .Where(f => f.Name.Length > name.Length && f.Name.StartsWith(name, StringComparison.Ordinal))
            .OrderBy(f => f.Name.EndsWith(".gz", StringComparison.Ordinal))
            .ThenByDescending(f => f.LastWriteTimeUtc)
            .ThenBy(f => f.Name, StringComparer.Ordinal);
        foreach (var candidate in candidates)
        {
            string copyPath = string.IsNullOrEmpty(directory) ? candidate.Name : Path.Combine(directory, candidate.Name);
            if (TryOpenAt(copyPath, followed, head, mark, position) is { } rest) return (rest, copyPath);
        }
        return null;
    }

    private static Stream? TryOpenAt(string copyPath, FileIdentity followed, ReadOnlySpan<byte> head,
        ReadOnlySpan<byte> mark, long position)
    {
        FileStream file;
        try
        {
            file = FileReplaySource.Open(copyPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;   // gone since the listing (compressed and removed), or unreadable
        }
        Stream content = file;
        try
        {
            if (FileIdentity.Of(file.SafeFileHandle) == followed) return Fail();   // a hard link to the followed file
            Span<byte> magic = stackalloc byte[2];
            bool gzip = FileReads.Fully(file.SafeFileHandle, magic, 0) == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
            if (gzip) content = new GZipStream(file, CompressionMode.Decompress);
            else if (file.Length < position) return Fail();

            var start = new byte[head.Length];
            if (ReadFully(content, start) < start.Length || !head.SequenceEqual(start)) return Fail();
            long markStart = position - mark.Length;
            if (markStart < head.Length)   // the head holds the start of the mark already
            {
                mark = mark[(int)(head.Length - markStart)..];
                markStart = head.Length;
            }
            if (!gzip)
            {
                file.Position = markStart;
            }
            else if (!Skip(content, markStart - head.Length))
            {
                return Fail();
            }
            var before = new byte[mark.Length];
            if (ReadFully(content, before) < before.Length || !mark.SequenceEqual(before)) return Fail();
            return content;   // at position
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return Fail();
        }

        Stream? Fail()
        {
            content.Dispose();
            file.Dispose();
            return null;
        }
    }

    private static int ReadFully(Stream stream, Span<byte> into)
    {
        int total = 0;
        while (total < into.Length && stream.Read(into[total..]) is var n and > 0) total += n;
        return total;
    }

    // Reads and drops count bytes; false when the stream ends first.
    private static bool Skip(Stream stream, long count)
    {
        if (count == 0) return true;
        var buffer = new byte[(int)Math.Min(SkipBufferBytes, count)];
        while (count > 0)
        {
            int n = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, count));
            if (n == 0) return false;
            count -= n;
        }
        return true;
    }
}

using Microsoft.Win32.SafeHandles;

namespace RxLog.Sources;

/// <summary>Positional reads that fill a buffer: <c>pread</c> may return less than asked, and only 0 means the end.</summary>
internal static class FileReads
{
    /// <summary>Reads <paramref name="into"/> from <paramref name="offset"/> until it is full or the file ends; returns
    /// how many bytes were read (fewer only at the end, as the file is now). I/O errors propagate.</summary>
    public static int Fully(SafeFileHandle file, Span<byte> into, long offset)
    {
        int total = 0;
        while (total < into.Length)
        {
            int n = RandomAccess.Read(file, into[total..], offset + total);
            if (n == 0) break;
            total += n;
        }
        return total;
    }
}

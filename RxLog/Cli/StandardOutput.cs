using Microsoft.Win32.SafeHandles;

namespace RxLog.Cli;

/// <summary>Opens stdout as a byte stream that notices a closed pipe and never overwrites a redirected file.</summary>
/// <remarks>
/// .NET's console stream ignores EPIPE, so <c>rxlog … | head</c> would run on (DOTNET-NOTES.md §4.4 item 10): on a pipe
/// we write through a FileStream on fd 1, which raises IOException instead. On a regular file that FileStream would
/// write with pwrite at its own offset, leaving the shared offset alone, so the next writer to the same file
/// (<c>{ rxlog …; rxlog …; } &gt; out</c>) would overwrite us; there the console stream, which appends, is right.
/// </remarks>
public static class StandardOutput
{
    public static Stream Open()
    {
        var stream = new FileStream(new SafeFileHandle(1, ownsHandle: false), FileAccess.Write, bufferSize: 1);
        if (!stream.CanSeek) return stream;
        stream.Dispose();
        return Console.OpenStandardOutput();
    }
}

namespace RxLog.Cli;

/// <summary>Tells a closed standard input (<c>rxlog check - &lt;&amp;-</c>) from a real one.</summary>
/// <remarks>When the process starts with fd 0 closed, the .NET runtime's own signal pipe takes fd 0; reading it would
/// block for ever and steal the runtime's signal notifications. On Linux that pipe is recognisable: its write end is
/// also open in this process, which a pipe from a shell never is.</remarks>
internal static class ClosedStdin
{
    public static bool IsOurOwnPipe()
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            var fd0 = new FileInfo("/proc/self/fd/0").LinkTarget;
            if (fd0 is null || !fd0.StartsWith("pipe:", StringComparison.Ordinal)) return false;
            foreach (var fd in Directory.EnumerateFileSystemEntries("/proc/self/fd"))
            {
                if (Path.GetFileName(fd) == "0") continue;
                if (new FileInfo(fd).LinkTarget == fd0 && IsWriteEnd(Path.GetFileName(fd))) return true;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
        return false;
    }

    // /proc/self/fdinfo/N starts "pos: 0\nflags: 0100001" — the access mode is the flags' last octal digit (1 = write).
    private static bool IsWriteEnd(string fd)
    {
        foreach (var line in File.ReadLines($"/proc/self/fdinfo/{fd}"))
        {
            if (!line.StartsWith("flags:", StringComparison.Ordinal)) continue;
            string flags = line[6..].Trim();
            return flags.Length > 0 && (flags[^1] - '0' & 3) is 1 or 2;
        }
        return false;
    }
}

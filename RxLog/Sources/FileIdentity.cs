using Microsoft.Win32.SafeHandles;

namespace RxLog.Sources;

/// <summary>Which file a path or an open handle refers to, whatever its name: tells <see cref="FileFollowSource"/> that a
/// path now names a different file (rotated by rename, deleted and re-created) rather than the one it has open.</summary>
/// <remarks>On Linux this is <c>(st_dev, st_ino)</c> from <c>stat</c>/<c>fstat</c> in libc. Elsewhere, or when libc cannot
/// be called, it falls back to the file's creation time (<see cref="Device"/> 0), which tells a re-created file from the
/// old one in the usual case but not always (a file re-created within the same clock tick, Windows' name tunnelling).</remarks>
/// <param name="Device">st_dev; 0 for the fallback.</param>
/// <param name="Inode">st_ino; for the fallback, the creation time in ticks (UTC).</param>
public readonly record struct FileIdentity(ulong Device, ulong Inode)
{
    /// <summary>The identity of an open file, even one that has since been renamed or deleted.</summary>
    /// <exception cref="IOException">The system call failed.</exception>
    public static FileIdentity Of(SafeFileHandle handle)
    {
        if (LibcStat.IsAvailable)
        {
            bool added = false;
            try
            {
                handle.DangerousAddRef(ref added);
                int errno = LibcStat.OfDescriptor((int)handle.DangerousGetHandle(), out var id);
                if (errno == 0) return id;
                throw new IOException($"fstat failed: errno {errno}");
            }
            finally
            {
                if (added) handle.DangerousRelease();
            }
        }
        return new FileIdentity(0, (ulong)File.GetCreationTimeUtc(handle).Ticks);
    }

    /// <summary>The identity of the file <paramref name="path"/> names now, or null when no file has that name.</summary>
    /// <exception cref="IOException">The system call failed for another reason (permissions, I/O).</exception>
    public static FileIdentity? OfPath(string path)
    {
        if (LibcStat.IsAvailable)
        {
            int errno = LibcStat.OfPath(path, out var id);
            if (errno == 0) return id;
            if (errno is LibcStat.ENOENT or LibcStat.ENOTDIR) return null;
            throw new IOException($"cannot stat {path}: errno {errno}");
        }
        if (!File.Exists(path)) return null;
        return new FileIdentity(0, (ulong)File.GetCreationTimeUtc(path).Ticks);
    }
}

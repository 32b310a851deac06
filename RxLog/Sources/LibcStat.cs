using System.Runtime.InteropServices;

namespace RxLog.Sources;

/// <summary>Device and inode numbers (for <see cref="FileIdentity"/>) and the file type from libc's <c>stat</c>/<c>fstat</c> on
/// Linux (glibc or musl).</summary>
/// <remarks>
/// Only the first fields of <c>struct stat</c> are read (<c>st_mode</c>: offset 24 on x86_64, 16 on aarch64): <c>st_dev</c> and <c>st_ino</c> are two 8-byte fields at offsets
/// 0 and 8 both on x86_64 (glibc and musl; checked here with <c>offsetof</c>, sizeof 144) and on aarch64 (the generic
/// layout, sizeof 128). The buffer is 256 bytes so that the call never writes past it.
/// glibc before 2.33 exports no <c>stat</c>/<c>fstat</c> symbols, only <c>__xstat</c>/<c>__fxstat</c> with a version
/// argument (1 on x86_64, 0 on aarch64); those are tried when the first are missing.
/// Plain <c>DllImport</c> (no source generator: it needs unsafe code) keeps this trim-safe; the runtime maps "libc" to
/// libc.so.6 on glibc.
/// </remarks>
internal static class LibcStat
{
    public const int ENOENT = 2;
    public const int ENOTDIR = 20;

    [StructLayout(LayoutKind.Explicit, Size = 256)]
    private struct StatBuffer
    {
        [FieldOffset(0)] public ulong Device;
        [FieldOffset(8)] public ulong Inode;
        [FieldOffset(16)] public uint ModeArm64;   // st_mode: after st_ino on aarch64 (the generic layout)
        [FieldOffset(24)] public uint ModeX64;     // after st_ino and an 8-byte st_nlink on x86_64 (glibc and musl)
    }

    private const uint FileTypeMask = 0xF000;   // S_IFMT
    private const uint RegularFile = 0x8000;    // S_IFREG
    private const uint DirectoryFile = 0x4000;  // S_IFDIR

    /// <summary>True when <paramref name="path"/> exists (symbolic links followed) and is not a regular file or a
    /// directory: a named pipe, a socket, a device. False when it is one, does not exist, or this cannot tell.</summary>
    public static bool IsSpecialFile(string path)
    {
        if (!IsAvailable || StatOf(path, out var buffer) != 0) return false;
        uint type = (RuntimeInformation.ProcessArchitecture == Architecture.X64 ? buffer.ModeX64 : buffer.ModeArm64)
            & FileTypeMask;
        return type != RegularFile && type != DirectoryFile;
    }

    private enum Api { Unknown, Plain, Versioned, None }

    private static Api s_api;   // racy first use is harmless: every thread computes the same answer

    public static bool IsAvailable => Resolve() != Api.None;

    /// <summary>Returns 0 and the identity, or the errno.</summary>
    public static int OfPath(string path, out FileIdentity identity)
    {
        int rc = StatOf(path, out var buffer);
        return Result(rc, buffer, out identity);
    }

    private static int StatOf(string path, out StatBuffer buffer) =>
        Resolve() == Api.Plain ? stat(path, out buffer) : __xstat(StatVersion, path, out buffer);

    /// <summary>Returns 0 and the identity, or the errno.</summary>
    public static int OfDescriptor(int fd, out FileIdentity identity)
    {
        StatBuffer buffer;
        int rc = Resolve() == Api.Plain ? fstat(fd, out buffer) : __fxstat(StatVersion, fd, out buffer);
        return Result(rc, buffer, out identity);
    }

    /// <summary>For tests: force the pre-2.33 glibc entry points.</summary>
    internal static int OfPathVersioned(string path, out FileIdentity identity) =>
        Result(__xstat(StatVersion, path, out var buffer), buffer, out identity);

    private static int Result(int rc, in StatBuffer buffer, out FileIdentity identity)
    {
        identity = new FileIdentity(buffer.Device, buffer.Inode);
        return rc == 0 ? 0 : Marshal.GetLastPInvokeError();
    }

    private static int StatVersion => RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 1 : 0;

    private static Api Resolve()
    {
        if (s_api != Api.Unknown) return s_api;
        s_api = Probe();
        return s_api;
    }

    private static Api Probe()
    {
        if (!OperatingSystem.IsLinux()) return Api.None;
        var arch = RuntimeInformation.ProcessArchitecture;
        if (arch is not (Architecture.X64 or Architecture.Arm64)) return Api.None;   // layout verified only for these
        try
        {
            _ = stat("/", out _);
            return Api.Plain;
        }
        catch (EntryPointNotFoundException)
        {
        }
        catch (DllNotFoundException)
        {
            return Api.None;
        }
        try
        {
            _ = __xstat(StatVersion, "/", out _);
            return Api.Versioned;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return Api.None;
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int stat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, out StatBuffer buffer);

    [DllImport("libc", SetLastError = true)]
    private static extern int fstat(int fd, out StatBuffer buffer);

    [DllImport("libc", SetLastError = true)]
    private static extern int __xstat(int version, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, out StatBuffer buffer);

    [DllImport("libc", SetLastError = true)]
    private static extern int __fxstat(int version, int fd, out StatBuffer buffer);
}

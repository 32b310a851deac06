using RxLog.Sources;
using RxLog.Tests.Support;

namespace RxLog.Tests.Sources;

public sealed class FileIdentityTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void An_open_file_keeps_its_identity_when_renamed_and_a_new_file_gets_another()
    {
        string path = _dir.File("access.log");
        File.WriteAllText(path, "a\n");
        using var file = FileReplaySource.Open(path);
        var open = FileIdentity.Of(file.SafeFileHandle);

        Assert.Equal(open, FileIdentity.OfPath(path));
        File.Move(path, _dir.File("access.log.1"));
        File.WriteAllText(path, "b\n");

        Assert.Equal(open, FileIdentity.OfPath(_dir.File("access.log.1")));
        Assert.NotEqual(open, FileIdentity.OfPath(path));
        Assert.Equal(open, FileIdentity.Of(file.SafeFileHandle));
    }

    [Fact]
    public void A_missing_path_has_no_identity()
    {
        Assert.Null(FileIdentity.OfPath(_dir.File("nope")));
        Assert.Null(FileIdentity.OfPath(_dir.File("nope/deeper")));
    }

    [Fact]
    public void On_linux_identity_is_device_and_inode_from_libc()
    {
        if (!OperatingSystem.IsLinux()) return;
        string path = _dir.File("x");
        File.WriteAllText(path, "");

        var id = FileIdentity.OfPath(path)!.Value;

        Assert.True(LibcStat.IsAvailable);
        Assert.NotEqual(0UL, id.Device);
        Assert.NotEqual(0UL, id.Inode);
        Assert.Equal(0, LibcStat.OfPathVersioned(path, out var old));   // the pre-2.33 glibc entry point agrees
        Assert.Equal(id, old);
    }
}

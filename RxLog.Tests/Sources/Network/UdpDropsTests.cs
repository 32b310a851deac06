using RxLog.Sources.Network;
using RxLog.Tests.Support;

namespace RxLog.Tests.Sources.Network;

/// <summary>The kernel's count of datagrams it dropped for a port, read as <c>/proc/net/udp</c> and <c>udp6</c> write
/// it: loss over UDP is said, never silent.</summary>
public sealed class UdpDropsTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void The_drops_column_of_the_ports_sockets_is_summed_over_ipv4_and_ipv6()
    {
        const string header = "   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops\n";
        File.WriteAllText(_dir.File("udp"), header
            + "  236: 0100007F:157A 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 812345 2 0000000000000000 1234\n"
            + "  237: 0100007F:157B 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 812346 2 0000000000000000 99\n");
        File.WriteAllText(_dir.File("udp6"), header.Replace("local_address", "local_address                         ")
            + "  240: 00000000000000000000000000000000:157A 00000000000000000000000000000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 812347 2 0000000000000000 6\n");

        Assert.Equal(1240L, UdpDrops.Read(0x157A, _dir.Path));
        Assert.Equal(99L, UdpDrops.Read(0x157B, _dir.Path));
        Assert.Equal(6L, UdpDrops.Read(0x157A, _dir.Path, inode: 812347));   // one socket of two on the port: its own row
        Assert.Null(UdpDrops.Read(0x157C, _dir.Path));   // no socket on that port
    }

    [Fact]
    public void Without_proc_the_kernel_does_not_say_and_nothing_is_made_up() =>
        Assert.Null(UdpDrops.Read(5514, _dir.File("no-proc")));
}

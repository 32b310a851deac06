using System.IO.Pipes;
using Microsoft.Win32.SafeHandles;
using RxLog.Pipeline;

namespace RxLog.Tests.Pipeline;

/// <summary>A write to the output that fails: a reader gone away is a quiet stop (141), anything else (a full disk)
/// an error the user must see (exit 2), with real errors from the operating system.</summary>
public class OutputErrorTests
{
    [Fact]
    public void A_full_disk_is_an_error_to_report_not_a_closed_pipe()
    {
        if (!File.Exists("/dev/full")) return;   // Linux only
        using var full = new FileStream("/dev/full", FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 1);
        var error = Assert.ThrowsAny<IOException>(() => full.Write("report\n"u8));

        var mapped = Assert.IsType<OutputFailedException>(OutputClosedException.For(error));
        Assert.StartsWith("cannot write the output: No space left on device", mapped.Message);
    }

    [Fact]
    public void A_reader_gone_away_is_a_closed_output()
    {
        using var pipe = new AnonymousPipeServerStream(PipeDirection.Out);
        pipe.ClientSafePipeHandle.Dispose();   // the only reader closes its end
        pipe.DisposeLocalCopyOfClientHandle();
        // Written as StandardOutput writes to a pipe on fd 1: a FileStream over the descriptor, unbuffered.
        using var stdout = new FileStream(new SafeFileHandle(pipe.SafePipeHandle.DangerousGetHandle(), ownsHandle: false),
            FileAccess.Write, bufferSize: 1);
        var error = Assert.ThrowsAny<IOException>(() => stdout.Write("report\n"u8));

        Assert.True(OutputClosedException.For(error) is OutputClosedException, $"{error.HResult}: {error.Message}");
    }
}

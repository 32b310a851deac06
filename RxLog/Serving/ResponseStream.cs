using System.Net.Sockets;

namespace RxLog.Serving;

/// <summary>The write-only side of one connection as a response body sees it: every write goes out at once (the socket
/// has Nagle off and nothing here buffers), and one the client does not take within the write timeout fails.</summary>
/// <remarks>A timed-out write is counted (<paramref name="timedOut"/>) and thrown as <see cref="IOException"/>; a write
/// after <paramref name="connection"/> is cancelled (the client left, the responder stops) throws
/// <see cref="OperationCanceledException"/>. Disposing it leaves the connection open: the responder owns that.</remarks>
internal sealed class ResponseStream(NetworkStream inner, TimeSpan writeTimeout, CancellationToken connection, Action timedOut)
    : Stream
{
    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    // A blocking write is bounded by the socket's SendTimeout, which the responder sets to the write timeout.
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        connection.ThrowIfCancellationRequested();
        inner.Write(buffer);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, connection);
        limit.CancelAfter(writeTimeout);
        try
        {
            await inner.WriteAsync(buffer, limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && !connection.IsCancellationRequested)
        {
            timedOut();
            throw new IOException($"the client took no data for {writeTimeout.TotalSeconds:0.###} s");
        }
    }
}

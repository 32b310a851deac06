using System.Collections.Concurrent;

namespace RxLog.Tests.Support;

/// <summary>A pipe-like read-only stream: a read blocks until the test writes, returns what was written (not a full
/// buffer), and returns 0 after <see cref="End"/>; <see cref="Fail"/> makes the next read throw.</summary>
public sealed class SourcePipeStream : Stream
{
    private readonly BlockingCollection<object> _writes = new();
    private byte[] _current = [];
    private int _offset;
    private bool _ended;

    /// <summary>Completes when a read is about to block with nothing written.</summary>
    public TaskCompletionSource ReadBlocked { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Write(string text) => _writes.Add(System.Text.Encoding.UTF8.GetBytes(text));
    public void Fail(Exception error) => _writes.Add(error);
    public void End() => _writes.CompleteAdding();

    public override int Read(byte[] buffer, int offset, int count)
    {
        while (_offset == _current.Length)
        {
            if (_ended) return 0;
            if (_writes.Count == 0) ReadBlocked.TrySetResult();
            if (!_writes.TryTake(out var next, Timeout.Infinite))
            {
                _ended = true;
                return 0;
            }
            if (next is Exception error) throw error;
            _current = (byte[])next;
            _offset = 0;
        }
        int n = Math.Min(count, _current.Length - _offset);
        Array.Copy(_current, _offset, buffer, offset, n);
        _offset += n;
        return n;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

using System.Collections.Concurrent;

namespace RxLog.Tests.Support;

/// <summary>A pipe-like read-only stream: a read blocks until the test writes, returns what was written (not a full
/// buffer), and returns 0 after <see cref="End"/>; <see cref="Fail"/> makes the next read throw.</summary>
internal sealed class SourcePipeStream : RxLog.Sources.ReadOnlyStream
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

    public override int Read(Span<byte> buffer)
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
        int n = Math.Min(buffer.Length, _current.Length - _offset);
        _current.AsSpan(_offset, n).CopyTo(buffer);
        _offset += n;
        return n;
    }
}

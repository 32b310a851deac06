using System.Text;
using RxLog.Sources;

namespace RxLog.Tests.Support;

/// <summary>Records the lines of every <see cref="LineChunk"/> (copied: the source reuses its buffer), checking the
/// chunk invariants as they arrive. Thread-safe, for sources that emit on their own thread.</summary>
public sealed class SourceRecorder : IObserver<LineChunk>
{
    private readonly object _gate = new();
    private readonly List<(long Number, byte[] Bytes)> _lines = new();
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _chunks;

    /// <summary>Lines as (number, bytes without the final '\n').</summary>
    public List<(long Number, byte[] Bytes)> Lines { get { lock (_gate) return _lines.ToList(); } }

    /// <summary>Lines as UTF-8 text, without the final '\n'.</summary>
    public List<string> Texts => Lines.Select(l => Encoding.UTF8.GetString(l.Bytes)).ToList();

    /// <summary>Lines as (number, text).</summary>
    public List<(long, string)> Numbered => Lines.Select(l => (l.Number, Encoding.UTF8.GetString(l.Bytes))).ToList();

    public int Chunks { get { lock (_gate) return _chunks; } }
    public bool Completed { get; private set; }
    public Exception? Error { get; private set; }
    public int? NextThreadId { get; private set; }

    /// <summary>Completes at OnCompleted or OnError.</summary>
    public Task Done => _done.Task;

    /// <summary>Set, then completed by the next OnNext.</summary>
    public TaskCompletionSource? OnNextSignal { get; set; }

    public void OnNext(LineChunk chunk)
    {
        Assert.True(chunk.Count > 0, "empty chunk");
        Assert.Equal((byte)'\n', chunk.Lines[^1]);
        TaskCompletionSource? signal;
        lock (_gate)
        {
            NextThreadId = Environment.CurrentManagedThreadId;
            _chunks++;
            long number = chunk.FirstLineNumber;
            var rest = chunk.Lines;
            while (!rest.IsEmpty)
            {
                int i = rest.IndexOf((byte)'\n');
                _lines.Add((number++, rest[..i].ToArray()));
                rest = rest[(i + 1)..];
            }
            signal = OnNextSignal;
            OnNextSignal = null;
        }
        signal?.TrySetResult();
    }

    public void OnCompleted()
    {
        Completed = true;
        _done.TrySetResult();
    }

    public void OnError(Exception error)
    {
        Error = error;
        _done.TrySetResult();
    }
}

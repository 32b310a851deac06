using System.Reactive.Disposables;
using System.Reactive.Linq;

namespace RxLog.Sources;

/// <summary>Live source for <c>rxlog</c> reading a pipe: reads on a dedicated background thread, passes lines on as soon as a
/// read returns them, completes at end of input and fails with <c>OnError</c> on an I/O error.</summary>
/// <remarks>Disposal never waits for a blocked read (DOTNET-NOTES.md §4.4 item 2: Ctrl+C must work while stdin is idle):
/// it only marks the subscription finished. The reading thread is a background thread, so it never keeps the process
/// alive; when its read returns it sees the mark and ends without emitting. The stream is not closed: the caller owns it.
/// Chunks are delivered on the reading thread.</remarks>
public static class StdinSource
{
    /// <summary>Each subscription starts its own reading thread over <paramref name="stdin"/> (normally
    /// <c>Console.OpenStandardInput()</c>); subscribe once.</summary>
    public static IObservable<LineChunk> Read(Stream stdin, string origin = FileReplaySource.Stdin) =>
        Observable.Create<LineChunk>(observer =>
        {
            var stop = new BooleanDisposable();
            var thread = new Thread(() => Pump(stdin, origin, observer, stop))
            {
                IsBackground = true,
                Name = "rxlog stdin",
            };
            thread.Start();
            return stop;
        });

    private static void Pump(Stream stdin, string origin, IObserver<LineChunk> observer, BooleanDisposable stop)
    {
        var chunker = new StreamLineChunker(origin);
        while (true)
        {
            int read;
            try
            {
                read = chunker.Fill(stdin);   // a pipe returns what is available: no waiting for a full buffer
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ObjectDisposedException)
            {
                if (!stop.IsDisposed) observer.OnError(e);
                return;
            }
            if (stop.IsDisposed) return;
            if (read == 0)
            {
                chunker.Finish(observer);
                observer.OnCompleted();
                return;
            }
            chunker.Emit(observer);
        }
    }
}

using System.Reactive.Concurrency;
using System.Reactive.Linq;
using RxLog.Parsing;

namespace RxLog.Pipeline;

/// <summary><c>check</c>'s clock: a <see cref="HistoricalScheduler"/> advanced by the records' own timestamps.</summary>
public static class LogTimeReplay
{
    /// <summary>Advances <paramref name="scheduler"/> to each record's second before passing the record on, and at the
    /// end to <c>last + 1</c> so the final second is decided before completion (DOTNET-NOTES.md §5.4a, items 2–4).
    /// Batches are cut where the clock moves, so every batch passed on lies within the clock's current second.</summary>
    /// <remarks>Records are pushed from outside the scheduler, after the advance, so timers due at a record's
    /// second run first and a record on a boundary lands in the new second. A record older than the clock leaves it
    /// where it is: it counts at the newest time (<see cref="MonitorState"/> clamps it).</remarks>
    public static IObservable<ParsedBatch> ReplayInLogTime(this IObservable<ParsedBatch> batches, HistoricalScheduler scheduler) =>
        Observable.Create<ParsedBatch>(observer =>
        {
            bool any = false;
            long now = long.MinValue;   // the clock in whole seconds, kept in step with every advance made here
            return batches.Subscribe(
                batch =>
                {
                    var lines = batch.Lines;
                    int from = 0;
                    for (int i = 0; i < lines.Length; i++)
                    {
                        if (lines[i].Kind != LineKind.Record) continue;
                        long second = lines[i].Record.Second;
                        if (any && second <= now) continue;
                        if (i > from) observer.OnNext(batch.Slice(from, i - from));
                        from = i;
                        scheduler.AdvanceTo(DateTimeOffset.FromUnixTimeSeconds(second));
                        now = second;
                        any = true;
                    }
                    if (from < lines.Length) observer.OnNext(batch.Slice(from, lines.Length - from));
                },
                observer.OnError,
                () =>
                {
                    if (any) scheduler.AdvanceTo(DateTimeOffset.FromUnixTimeSeconds(now + 1));
                    observer.OnCompleted();
                });
        });
}

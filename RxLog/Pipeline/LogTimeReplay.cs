using System.Reactive.Concurrency;
using System.Reactive.Linq;
using RxLog.Parsing;

namespace RxLog.Pipeline;

/// <summary><c>check</c>'s clock: a <see cref="HistoricalScheduler"/> advanced by the records' own timestamps.</summary>
public static class LogTimeReplay
{
    /// <summary>Advances <paramref name="scheduler"/> to each record's second before passing the record on, clamps
    /// records older than the clock to the clock (a late line counts at the newest time), and at the end advances
    /// to <c>last + 1</c> so the final second is decided before completion (DOTNET-NOTES.md §5.4a, items 2–4).</summary>
    /// <remarks>Records are pushed from outside the scheduler, after the advance, so timers due at a record's
    /// second run first and a record on a boundary lands in the new second.</remarks>
    public static IObservable<ParsedLine> ReplayInLogTime(this IObservable<ParsedLine> lines, HistoricalScheduler scheduler) =>
        Observable.Create<ParsedLine>(observer =>
        {
            bool any = false;
            return lines.Subscribe(
                line =>
                {
                    if (line.Kind == LineKind.Record)
                    {
                        long second = line.Record.Second;
                        var due = DateTimeOffset.FromUnixTimeSeconds(second);
                        if (!any || due > scheduler.Now) scheduler.AdvanceTo(due);
                        any = true;
                        long now = scheduler.Now.ToUnixTimeSeconds();
                        if (second < now) line = line with { Record = line.Record with { Second = now } };
                    }
                    observer.OnNext(line);
                },
                observer.OnError,
                () =>
                {
                    if (any) scheduler.AdvanceTo(scheduler.Now.AddSeconds(1));
                    observer.OnCompleted();
                });
        });
}

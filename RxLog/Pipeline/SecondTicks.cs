using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using System.Reactive.Linq;
using RxLog.Parsing;

namespace RxLog.Pipeline;

/// <summary>Whole-second boundaries (Unix seconds) on the injected scheduler: the clock the monitor decides on.</summary>
public static class SecondTicks
{
    /// <summary>Live modes: every whole second of the scheduler's clock, forever (until unsubscribed).</summary>
    public static IObservable<long> Every(IScheduler scheduler) => Observable.Create<long>(observer =>
    {
        long first = scheduler.Now.ToUnixTimeSeconds() + 1;
        return scheduler.Schedule(first, At(first), (long boundary, Action<long, DateTimeOffset> next) =>
        {
            observer.OnNext(boundary);
            next(boundary + 1, At(boundary + 1));
        });
    });

    /// <summary>Log time: every whole second from the first record on, for as long as something can still change
    /// (<paramref name="activeSeconds"/> after the newest line), then silent until the next line.</summary>
    /// <remarks>This is what makes idle time free on a <c>HistoricalScheduler</c>: a tick per empty second costs
    /// about a microsecond, and a log with months of silence would otherwise tick through all of them.
    /// <see cref="MonitorState"/> decides the skipped boundaries itself, so stopping early never changes a result.</remarks>
    public static IObservable<long> WhileActive(IObservable<ParsedBatch> batches, IScheduler scheduler, long activeSeconds) =>
        Observable.Create<long>(observer =>
        {
            var gate = new object();
            var timer = new SerialDisposable();
            bool ticking = false;
            long newest = long.MinValue;

            void Tick(long boundary)
            {
                timer.Disposable = scheduler.Schedule(At(boundary), () =>
                {
                    observer.OnNext(boundary);
                    lock (gate)
                    {
                        ticking = boundary <= newest + activeSeconds;
                        if (!ticking) return;
                    }
                    Tick(boundary + 1);
                });
            }

            var subscription = batches.Subscribe(
                batch =>
                {
                    if (!HasRecord(batch)) return;   // invalid lines before the first record start no clock
                    lock (gate)
                    {
                        // Batches arrive within the clock's current second (LogTimeReplay): the clock is the newest time.
                        newest = Math.Max(newest, scheduler.Now.ToUnixTimeSeconds());
                        if (ticking) return;
                        ticking = true;
                    }
                    Tick(scheduler.Now.ToUnixTimeSeconds() + 1);
                },
                observer.OnError,
                observer.OnCompleted);
            return new CompositeDisposable(subscription, timer);
        });

    private static bool HasRecord(ParsedBatch batch)
    {
        foreach (ref readonly var line in batch.Lines)
            if (line.IsTimed) return true;
        return false;
    }

    private static DateTimeOffset At(long unixSeconds) => DateTimeOffset.FromUnixTimeSeconds(unixSeconds);
}

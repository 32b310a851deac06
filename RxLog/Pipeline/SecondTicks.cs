using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using System.Reactive.Linq;
using RxLog.Parsing;

namespace RxLog.Pipeline;

/// <summary>Whole-second boundaries (Unix seconds) on the injected scheduler: the clock the monitor decides on.</summary>
/// <remarks>Each boundary is a <see cref="SecondBoundary"/> object, not a <c>long</c>: Rx's operators over a reference
/// type run code compiled ahead of time and shared by every class, while over <c>long</c> they are JIT-compiled at
/// start-up and, on a busy machine, stayed unoptimised for whole runs on the thread that owns the clock.</remarks>
public static class SecondTicks
{
    /// <summary>Live modes: every whole second of the scheduler's clock, forever (until unsubscribed).</summary>
    public static IObservable<SecondBoundary> Every(IScheduler scheduler) => Observable.Create<SecondBoundary>(observer =>
    {
        long first = scheduler.Now.ToUnixTimeSeconds() + 1;
        return scheduler.Schedule(first, At(first), (long boundary, Action<long, DateTimeOffset> next) =>
        {
            observer.OnNext(new SecondBoundary(boundary));
            next(boundary + 1, At(boundary + 1));
        });
    });

    /// <summary>Log time: every whole second from the first record on, for as long as something can still change
    /// (<paramref name="activeSeconds"/> after the newest line), then silent until the next line.</summary>
    /// <remarks>This is what makes idle time free on a <c>HistoricalScheduler</c>: a tick per empty second costs
    /// about a microsecond, and a log with months of silence would otherwise tick through all of them.
    /// <see cref="MonitorState"/> decides the skipped boundaries itself, so stopping early never changes a result.</remarks>
    public static IObservable<SecondBoundary> WhileActive(IObservable<ParsedBatch> batches, IScheduler scheduler,
        long activeSeconds) =>
        Observable.Create<SecondBoundary>(observer =>
        {
            var gate = new object();
            var timer = new SerialDisposable();
            bool ticking = false;
            long newest = long.MinValue;

            void Tick(long boundary)
            {
                timer.Disposable = scheduler.Schedule(At(boundary), () =>
                {
                    observer.OnNext(new SecondBoundary(boundary));
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

/// <summary>A whole-second boundary, in Unix seconds.</summary>
public sealed record SecondBoundary(long Second);

using System.Reactive.Concurrency;
using System.Reactive.Linq;

namespace RxLog.Pipeline;

/// <summary>Live modes' clock: every whole second (Unix seconds) of the injected scheduler.</summary>
/// <remarks>Each boundary is a <see cref="SecondBoundary"/> object, not a <c>long</c>: Rx's operators over a reference
/// type run code compiled ahead of time and shared by every class, while over <c>long</c> they are JIT-compiled at
/// start-up and, on a busy machine, stayed unoptimised for whole runs on the thread that owns the clock.</remarks>
public static class SecondTicks
{
    /// <summary>Every whole second of the scheduler's clock, forever (until unsubscribed).</summary>
    public static IObservable<SecondBoundary> Every(IScheduler scheduler) => Observable.Create<SecondBoundary>(observer =>
    {
        long first = scheduler.Now.ToUnixTimeSeconds() + 1;
        return scheduler.Schedule(first, At(first), (long boundary, Action<long, DateTimeOffset> next) =>
        {
            observer.OnNext(new SecondBoundary(boundary));
            next(boundary + 1, At(boundary + 1));
        });
    });

    private static DateTimeOffset At(long unixSeconds) => DateTimeOffset.FromUnixTimeSeconds(unixSeconds);
}

/// <summary>A whole-second boundary, in Unix seconds.</summary>
public sealed record SecondBoundary(long Second);

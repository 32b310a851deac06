using System.Reactive;
using System.Reactive.Concurrency;
using System.Reactive.Linq;

namespace RxLog.Generation;

/// <summary>The follow mode behind <see cref="LogGenerator.Follow"/>: one scheduled write per wall-clock second.</summary>
internal static class LogFollower
{
    public static IObservable<Unit> Create(GeneratorOptions o, Stream output, IScheduler scheduler) =>
        Observable.Create<Unit>(observer =>
        {
            var shape = new TrafficShape(o);
            var composer = new LineComposer(o);
            var buffer = new byte[Math.Max(1 << 16, 4 * composer.MaxLineLength)];
            long? seconds = o.FollowSeconds;
            long remaining = o.Lines ?? long.MaxValue;
            DateTimeOffset? first = null;

            void Finish()
            {
                observer.OnNext(Unit.Default);
                observer.OnCompleted();
            }

            if (remaining == 0)
            {
                Finish();
                return System.Reactive.Disposables.Disposable.Empty;
            }

            var due = WholeSecond(scheduler.Now).AddSeconds(1);
            // Recursive scheduling at absolute times: each step names the boundary of the next one.
            return scheduler.Schedule(due, (Action<DateTimeOffset> next) =>
            {
                var now = scheduler.Now;
                // Timers may fire a little early; write only once the second has begun, so that a reader
                // counting lines by arrival puts them in the second they are stamped with.
                if (now < due)
                {
                    next(due);
                    return;
                }
                var second = WholeSecond(now);
                first ??= second;
                long index = (long)(second - first.Value).TotalSeconds;
                long count = Math.Min(shape.CountAt(index), remaining);
                remaining -= count;
                try
                {
                    if (first == second) output.Write(composer.Header);   // W3C: a header block at every start
                    Write(output, composer, buffer, second, count);
                }
                catch (Exception e) when (e is IOException or ObjectDisposedException)
                {
                    Finish();
                    return;
                }
                catch (Exception e)
                {
                    observer.OnError(e);
                    return;
                }
                if (remaining == 0 || index + 1 >= seconds)
                    Finish();
                else
                    next(due = second.AddSeconds(1));
            });
        });

    private static void Write(Stream output, LineComposer composer, byte[] buffer, DateTimeOffset second, long count)
    {
        composer.SetTime(second);
        int used = LogGenerator.AppendLines(output, composer, buffer, 0, count);
        output.Write(buffer, 0, used);
        output.Flush();
    }

    private static DateTimeOffset WholeSecond(DateTimeOffset t) =>
        new(t.UtcTicks - t.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
}

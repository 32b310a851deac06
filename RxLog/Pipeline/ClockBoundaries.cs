using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using System.Reactive.Linq;

namespace RxLog.Pipeline;

/// <summary>Log time's boundaries beyond those the replay brings (the end of each second that read lines,
/// <see cref="LogTimeReplay"/>): the ones the stages ask for, each a timer on the scheduler.</summary>
/// <remarks>A decision can change only where a second that read lines enters the window (<c>s + 1</c>) and, while an
/// alert is active, where one leaves it (the alert asks for those: <see cref="Alerting.HighTrafficAlerts.ToLeaveWakeUps"/>);
/// a report closes at the end of an interval that read lines (the reports ask: <see cref="TrafficReports.ToEndWakeUps"/>).
/// Every other boundary would repeat the decision before it, so leaving it out changes no result: the decisions are
/// those of a second-by-second evaluation (an alert recovers inside a gap of the log at its exact second), and a year
/// of a quiet site costs one boundary per second that read lines, and one per report. Live modes need none of this:
/// they decide every second.</remarks>
public static class ClockBoundaries
{
    /// <summary>A boundary at each second <paramref name="wakeUps"/> asks for, when <paramref name="scheduler"/> gets there.</summary>
    /// <remarks>Each request is one item on the scheduler's queue, not an <c>Observable.Timer</c> merged in: a quiet log
    /// asks for a boundary per report, and a timer's sink, merge observer and disposables were a tenth of a replay's
    /// time. Like a merge of timers, it completes once the requests have and every boundary asked for has come;
    /// requests due after the subscription ends are dropped when they come due.</remarks>
    /// <remarks>Requests are boundaries (a class), not bare seconds: Rx's operators over a value type are compiled at
    /// start-up, one set per type, while those over classes share code compiled ahead of time (a <c>long</c> and a
    /// <c>Unit</c> stream were 160 of the 220 Rx methods a 1,000-line check compiled at start).</remarks>
    public static IObservable<SecondBoundary> AskedFor(IObservable<SecondBoundary> wakeUps, IScheduler scheduler) =>
        Observable.Create<SecondBoundary>(observer =>
        {
            var ended = new BooleanDisposable();
            int pending = 1;   // the requests themselves, until they complete
            void Done()
            {
                if (Interlocked.Decrement(ref pending) == 0 && !ended.IsDisposed) observer.OnCompleted();
            }

            // One delegate for every request: a lambda written in the call would be a new one per request.
            Func<IScheduler, SecondBoundary, IDisposable> due = (_, asked) =>
            {
                if (!ended.IsDisposed) observer.OnNext(asked);
                Done();
                return Disposable.Empty;
            };
            var requests = wakeUps.Subscribe(
                boundary =>
                {
                    Interlocked.Increment(ref pending);
                    scheduler.Schedule(boundary, DateTimeOffset.FromUnixTimeSeconds(boundary.Second), due);
                },
                observer.OnError,
                Done);
            return new CompositeDisposable(requests, ended);
        });
}

using System.Reactive.Concurrency;

namespace RxLog.Tests.Support;

/// <summary>A <see cref="HistoricalScheduler"/> that lets a test wait until work is scheduled for a given time: when a
/// timer is set by a continuation on the thread pool (an HTTP answer was read), the test moves the clock only once
/// the timer exists, so it fires at its exact virtual second.</summary>
internal sealed class WatchedScheduler(DateTimeOffset start) : HistoricalScheduler(start)
{
    private readonly object _gate = new();
    private readonly List<DateTimeOffset> _scheduled = new();
    private readonly List<(DateTimeOffset Due, TaskCompletionSource Done)> _waiting = new();

    public override IDisposable ScheduleAbsolute<TState>(TState state, DateTimeOffset dueTime,
        Func<IScheduler, TState, IDisposable> action)
    {
        var scheduled = base.ScheduleAbsolute(state, dueTime, action);
        lock (_gate)
        {
            _scheduled.Add(dueTime);
            foreach (var w in _waiting.Where(w => w.Due == dueTime).ToList())
            {
                w.Done.TrySetResult();
                _waiting.Remove(w);
            }
        }
        return scheduled;
    }

    /// <summary>Completes once something has been scheduled for <paramref name="due"/>; fails after the guard.</summary>
    public Task WhenScheduledAt(DateTimeOffset due)
    {
        lock (_gate)
        {
            if (_scheduled.Contains(due)) return Task.CompletedTask;
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting.Add((due, done));
            return done.Task.WaitAsync(HttpTestClient.Guard);
        }
    }
}

using System.Collections.Concurrent;
using System.Reactive.Concurrency;
using System.Reactive.Linq;
using System.Reactive.Threading.Tasks;
using RxLog.Pipeline;
using RxLog.Rendering;

namespace RxLog.Notifying;

/// <summary>Every alert and recovery, of every rule, to every sink (<c>--on-alert</c>, …), each through a queue of its
/// own (<see cref="SinkQueue"/>); what could not be delivered is said, and counted.</summary>
/// <remarks>The pipeline only posts to the queues. Failures are said by the sinks' workers on their own threads: they
/// are held here and handed to the user's view with the next event, on the pipeline's thread, as every notice is.</remarks>
public sealed class Notifier : IDisposable
{
    /// <summary>How long rxlog waits, once the run is over, for what is still queued.</summary>
    public static readonly TimeSpan DrainTime = TimeSpan.FromSeconds(5);

    private readonly ConcurrentQueue<string> _notices = new();
    private readonly EventJson _json;
    private readonly DisplayZone? _zone;
    private readonly IScheduler _scheduler;
    private readonly object _gate = new();   // guards _json and _firing
    private readonly Dictionary<string, AlertNotice> _firing = new();   // each alerting rule's alert, until it recovers
    private readonly IDisposable _resending;

    /// <param name="sinks">Each sink with how hard its queue tries.</param>
    public Notifier(IEnumerable<(INotificationSink Sink, DeliveryPolicy Policy)> sinks, IScheduler scheduler, DisplayZone? zone)
    {
        _scheduler = scheduler;
        _zone = zone;
        _json = new EventJson(zone);
        Queues = sinks.Select(s => new SinkQueue(s.Sink, s.Policy, scheduler, _notices.Enqueue)).ToList();
        _resending = new System.Reactive.Disposables.CompositeDisposable(Queues
            .Where(q => q.Policy.ResendWhileFiring is not null)
            .GroupBy(q => q.Policy.ResendWhileFiring!.Value)
            .Select(every => Observable.Interval(every.Key, scheduler).Subscribe(_ => Resend(every.ToList()))));
    }

    public IReadOnlyList<SinkQueue> Queues { get; }

    /// <summary>The user's view, with every alert and recovery also posted to the sinks.</summary>
    public IMonitorView Wrap(IMonitorView view) => new NotifyingView(this, view);

    /// <summary>Posts an alert or a recovery to every sink; other events pass.</summary>
    public void Post(MonitorEvent monitorEvent)
    {
        // Under the gate, posts included (a post never waits): a re-send of a firing alert can then never reach a queue
        // after the recovery that ended it, which would make Alertmanager fire it again.
        lock (_gate)
        {
            var notice = AlertNotice.From(monitorEvent, _json, _zone);
            if (notice is null) return;
            if (notice.IsAlert) _firing[notice.Rule] = notice;
            else _firing.Remove(notice.Rule);
            foreach (var queue in Queues) queue.Post(notice);
        }
    }

    /// <summary>Alertmanager forgets an alert that is not sent again before its <c>endsAt</c>: every firing alert goes
    /// again to <paramref name="queues"/>, the sinks that ask for it.</summary>
    private void Resend(IReadOnlyList<SinkQueue> queues)
    {
        lock (_gate)
            foreach (var notice in _firing.Values.Select(n => n with { Resend = true }).ToList())
                foreach (var queue in queues) queue.Post(notice);
    }

    /// <summary>What the sinks said since last asked.</summary>
    public IEnumerable<string> TakeNotices()
    {
        while (_notices.TryDequeue(out var notice)) yield return notice;
    }

    /// <summary>Waits until every queue is empty, or <paramref name="within"/> has passed on the scheduler; what is left
    /// then is dropped (a command in flight killed). True when everything was delivered or failed in time.</summary>
    public async Task<bool> DrainAsync(TimeSpan within)
    {
        _resending.Dispose();
        var idle = Task.WhenAll(Queues.Select(q => q.WhenIdle()));
        var timeUp = Observable.Timer(within, _scheduler).ToTask();
        bool done = await Task.WhenAny(idle, timeUp) == idle;
        foreach (var queue in Queues) queue.Stop();
        return done;
    }

    /// <summary>Each sink's counts so far, for <c>rxlog_notifications_total</c> and <c>/api/status</c>.</summary>
    public IEnumerable<SinkCounts> Counts() =>
        Queues.Select(q => new SinkCounts(q.Name, q.Delivered, q.Failed, q.Dropped, q.Resent)).ToList();

    /// <summary>One line per sink for the end of the run: delivered, failed, dropped (and retries, when any).</summary>
    public IEnumerable<string> SummaryLines() => Queues.Select(q =>
        $"notifications: {q.Name}: {q.Delivered} delivered, {q.Failed} failed, {q.Dropped} dropped"
        + (q.Retries > 0 ? $" ({q.Retries} {(q.Retries == 1 ? "retry" : "retries")})" : "")
        + (q.Resent > 0 ? $" ({q.Resent} re-sent while firing)" : ""));

    public void Dispose()
    {
        _resending.Dispose();
        foreach (var queue in Queues) queue.Dispose();
    }

    private sealed class NotifyingView(Notifier notifier, IMonitorView view) : IMonitorView
    {
        public void OnEvent(MonitorEvent monitorEvent)
        {
            foreach (string notice in notifier.TakeNotices()) view.OnNotice(notice);
            notifier.Post(monitorEvent);
            view.OnEvent(monitorEvent);
        }

        public void OnNotice(string message) => view.OnNotice(message);
    }
}

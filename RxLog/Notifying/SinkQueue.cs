using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using System.Reactive.Linq;

namespace RxLog.Notifying;

/// <summary>One sink's bounded queue and its one delivery at a time, so a slow, hanging or failing sink never delays a
/// report, a decision or another sink: <see cref="Post"/> only ever adds to the queue.</summary>
/// <remarks>
/// <para>A delivery is Rx on the injected scheduler (<see cref="Delivery"/>): one try bounded by the sink's timeout,
/// further tries after a backoff while the failure may pass, so tests move time instead of sleeping.</para>
/// <para>When <see cref="DeliveryPolicy.Capacity"/> notices are waiting, a new one drops the oldest waiting (counted):
/// the newest state of an alert matters more than an old one.</para>
/// </remarks>
public sealed class SinkQueue : IDisposable
{
    private readonly object _gate = new();   // guards everything below
    private readonly Queue<AlertNotice> _waiting = new();
    private readonly INotificationSink _sink;
    private readonly DeliveryPolicy _policy;
    private readonly IScheduler _scheduler;
    private readonly Action<string> _notice;
    private SerialDisposable? _inFlight;
    private bool _pumping, _stopped;
    private TaskCompletionSource? _idle;

    /// <param name="notice">Told, from any thread, each notice that was not delivered and why.</param>
    public SinkQueue(INotificationSink sink, DeliveryPolicy policy, IScheduler scheduler, Action<string> notice)
    {
        _sink = sink;
        _policy = policy;
        _scheduler = scheduler;
        _notice = notice;
    }

    public string Name => _sink.Name;

    public DeliveryPolicy Policy => _policy;

    public long Delivered { get; private set; }
    public long Failed { get; private set; }
    public long Dropped { get; private set; }
    public long Retries { get; private set; }

    /// <summary>Firing alerts delivered again (<see cref="AlertNotice.Resend"/>), not counted in <see cref="Delivered"/>.</summary>
    public long Resent { get; private set; }

    /// <summary>Queues <paramref name="notice"/>; never waits.</summary>
    public void Post(AlertNotice notice)
    {
        lock (_gate)
        {
            if (_stopped)
            {
                Dropped++;
                return;
            }
            if (_waiting.Count >= _policy.Capacity)
            {
                _waiting.Dequeue();
                Dropped++;
            }
            _waiting.Enqueue(notice);
            Pump();
        }
    }

    /// <summary>Completes once nothing is waiting or being delivered.</summary>
    public Task WhenIdle()
    {
        lock (_gate)
        {
            if (_inFlight is null && _waiting.Count == 0) return Task.CompletedTask;
            return (_idle ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
        }
    }

    /// <summary>rxlog is stopping and has waited long enough: the delivery in flight is cancelled (a command killed) and
    /// it, and every notice still waiting, count as dropped.</summary>
    public void Stop()
    {
        SerialDisposable? inFlight;
        lock (_gate)
        {
            _stopped = true;
            inFlight = _inFlight;
            _inFlight = null;
            Dropped += _waiting.Count + (inFlight is null ? 0 : 1);
            _waiting.Clear();
            _idle?.TrySetResult();
        }
        inFlight?.Dispose();
    }

    public void Dispose() => Stop();

    /// <summary>One notice to the sink: a try bounded by the sink's timeout; while it fails in a way that may pass,
    /// another after the backoff, up to the policy's tries.</summary>
    private IObservable<string?> Delivery(AlertNotice notice) =>
        Observable.FromAsync(cancel => _sink.SendAsync(notice, cancel))
            .Timeout(_sink.Timeout, _scheduler)
            .RetryWhen(failures => failures
                .Select((error, failed) => failed + 1 < _policy.Tries && MayPass(error)
                    ? Observable.Timer(_policy.Backoff(failed, (error as DeliveryFailedException)?.RetryAfter), _scheduler)
                        .Do(_ => Retried())
                    : Observable.Throw<long>(error))
                .Concat())
            .Select(_ => (string?)null)
            .Catch((Exception error) => Observable.Return<string?>(Reason(error)));

    private static bool MayPass(Exception error) =>
        error is TimeoutException || error is DeliveryFailedException { Retryable: true };

    private string Reason(Exception error) => error switch
    {
        TimeoutException => $"timed out after {Rendering.TimeFormat.Duration(_sink.Timeout)}",
        DeliveryFailedException failed => failed.Message,
        _ => error.Message,
    };

    private void Retried()
    {
        lock (_gate) Retries++;
    }

    // Under the gate. Starts deliveries one after the other; a delivery that ends while it is being started (a sink that
    // answers at once) is followed by the next here, in this loop, not by recursion.
    private void Pump()
    {
        if (_pumping) return;
        _pumping = true;
        try
        {
            while (_inFlight is null && _waiting.Count > 0 && !_stopped)
            {
                var notice = _waiting.Dequeue();
                var delivery = new SerialDisposable();
                _inFlight = delivery;
                delivery.Disposable = Delivery(notice).Subscribe(reason => Finished(delivery, notice, reason));
            }
        }
        finally
        {
            _pumping = false;
        }
        if (_inFlight is null && _waiting.Count == 0)
        {
            _idle?.TrySetResult();
            _idle = null;
        }
    }

    private void Finished(SerialDisposable delivery, AlertNotice notice, string? reason)
    {
        lock (_gate)
        {
            if (_inFlight != delivery) return;   // stopped meanwhile: already counted as dropped
            _inFlight = null;
            if (reason is null)
            {
                if (notice.Resend) Resent++;
                else Delivered++;
            }
            else
            {
                Failed++;
                _notice($"{Name}: {notice.Event} {notice.Rule} at {notice.Time}{(notice.Resend ? " (re-sent while firing)" : "")} "
                        + $"not delivered: {reason}");
            }
            Pump();
        }
    }
}

/// <summary>One sink's counts so far (<see cref="Notifier.Counts"/>), as <c>/metrics</c> and <c>/api/status</c> show them.</summary>
/// <param name="Sink">The sink as users see it (<c>webhook https://host:port/…</c>).</param>
/// <param name="Delivered">Alerts and recoveries it took.</param>
/// <param name="Failed">Those it did not take after every try.</param>
/// <param name="Dropped">Those never sent: the queue was full, or the run ended first.</param>
/// <param name="Resent">An active alert sent again while it fires (Alertmanager, every minute), when it took it.</param>
public readonly record struct SinkCounts(string Sink, long Delivered, long Failed, long Dropped, long Resent);

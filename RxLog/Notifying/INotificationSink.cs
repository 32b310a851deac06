namespace RxLog.Notifying;

/// <summary>Somewhere alerts go: a command, a webhook, Alertmanager. One try per call; the queue in front of it
/// (<see cref="SinkQueue"/>) decides about timeouts and further tries.</summary>
public interface INotificationSink
{
    /// <summary>How notices and the summary name it: <c>hook 'CMD'</c>, <c>webhook https://host/…</c>, never a
    /// credential.</summary>
    string Name { get; }

    /// <summary>How long one try may take before it is cancelled and counted as failed.</summary>
    TimeSpan Timeout { get; }

    /// <summary>Delivers <paramref name="notice"/> once. Completes when delivered; throws
    /// <see cref="DeliveryFailedException"/> when not (saying whether another try may help). Cancelled when its time
    /// is up or rxlog stops: a command is then killed.</summary>
    Task SendAsync(AlertNotice notice, CancellationToken cancel);
}

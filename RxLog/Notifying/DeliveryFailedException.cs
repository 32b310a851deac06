namespace RxLog.Notifying;

/// <summary>One try that did not deliver, and whether another may.</summary>
/// <param name="reason">One line for the notice: <c>exited 3</c>, <c>HTTP 503</c>, <c>connection refused</c>.</param>
/// <param name="retryable">True for a failure that may pass (a connection error, 5xx, 429); false for one that will
/// not (a command that failed, another 4xx).</param>
/// <param name="retryAfter">How long the receiver asked to wait (HTTP <c>Retry-After</c>), when it did.</param>
public sealed class DeliveryFailedException(string reason, bool retryable = false, TimeSpan? retryAfter = null)
    : Exception(reason)
{
    public bool Retryable { get; } = retryable;

    public TimeSpan? RetryAfter { get; } = retryAfter;
}

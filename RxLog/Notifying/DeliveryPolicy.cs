namespace RxLog.Notifying;

/// <summary>How hard a sink's queue tries: at most <paramref name="Tries"/> tries of a notice, the next after
/// <paramref name="FirstBackoff"/>, doubling (or after the receiver's <c>Retry-After</c>, capped at
/// <paramref name="MaxBackoff"/>); at most <paramref name="Capacity"/> notices waiting, the oldest dropped past that.
/// With <paramref name="ResendWhileFiring"/>, each firing alert is sent again at that interval until it recovers
/// (Alertmanager forgets an alert that is not).</summary>
public sealed record DeliveryPolicy(int Tries = 3, TimeSpan? FirstBackoff = null, TimeSpan? MaxBackoff = null,
    int Capacity = 100, TimeSpan? ResendWhileFiring = null)
{
    /// <summary>The wait before try <paramref name="failed"/> + 2, after try <paramref name="failed"/> + 1 failed.</summary>
    public TimeSpan Backoff(int failed, TimeSpan? retryAfter)
    {
        var first = FirstBackoff ?? TimeSpan.FromSeconds(1);
        var max = MaxBackoff ?? TimeSpan.FromSeconds(60);
        var wait = retryAfter ?? first * Math.Pow(2, failed);
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait > max ? max : wait;
    }
}

namespace RxLog.Aggregation;

/// <summary>Hits per second over the last <c>W</c> whole seconds: a ring of per-second counts and their integer total.</summary>
/// <remarks>The total is kept as an integer and divided only when asked (CONTRACT.md: a running floating-point
/// average drifts and then fires at equality). Seconds never pushed count as zero, so the average is always over
/// <c>W</c> seconds, the ones before the first record included.</remarks>
public sealed class HitRateWindow
{
    private readonly long[] _counts;
    private int _next;   // index of the oldest second, overwritten by the next push

    public HitRateWindow(int seconds)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(seconds, 1);
        _counts = new long[seconds];
    }

    /// <summary>The window length W in seconds.</summary>
    public int Seconds => _counts.Length;

    /// <summary>Hits in the window.</summary>
    public long Total { get; private set; }

    /// <summary><c>Total / W</c>, computed from the integer total each time.</summary>
    public double Average => (double)Total / _counts.Length;

    /// <summary>Slides the window by one second that held <paramref name="hits"/> hits.</summary>
    public void Push(long hits)
    {
        Total += hits - _counts[_next];
        _counts[_next] = hits;
        _next = (_next + 1) % _counts.Length;
    }

    /// <summary>Slides the window by <paramref name="seconds"/> empty seconds, in O(min(seconds, W)).</summary>
    public void PushEmpty(long seconds)
    {
        if (seconds >= _counts.Length)
        {
            Array.Clear(_counts);
            Total = 0;
            return;
        }
        for (long i = 0; i < seconds; i++) Push(0);
    }
}

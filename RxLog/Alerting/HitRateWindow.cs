using RxLog.Aggregation;

namespace RxLog.Alerting;

/// <summary>The hits of the last <c>W</c> whole seconds, as the seconds that held any: slid to a boundary, it drops
/// the seconds that left and takes the one that closed. Pure, no clock.</summary>
/// <remarks>
/// Sparse, so a second with no hits costs nothing and a gap of any length is one step: the work is proportional to
/// the seconds that held hits (CONTRACT.md "Clocks": time costs what the lines cost). At most <c>W</c> seconds are
/// held. The total is an integer, divided only when asked (CONTRACT.md: a running floating-point average drifts and
/// fires at equality). Seconds never seen count as zero, so the average is always over <c>W</c> seconds.
/// <para>Hits backfilled from before the run (<c>watch</c>) arrive dated in seconds the window has passed; they are
/// held beside the ordered queue, by second, until their seconds leave too.</para>
/// </remarks>
public sealed class HitRateWindow
{
    private readonly Queue<SecondHits> _seconds = new();    // ascending seconds, each with hits > 0
    private readonly Dictionary<long, long> _backfilled = new();

    public HitRateWindow(int seconds)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(seconds, 1);
        Seconds = seconds;
    }

    /// <summary>The window length W in seconds.</summary>
    public int Seconds { get; }

    /// <summary>Hits in <c>[b − W, b)</c> after the last <see cref="Slide"/> to <c>b</c>.</summary>
    public long Total { get; private set; }

    /// <summary>The boundary at which the oldest second now in the window leaves it (<c>s + 1 + W</c>); null when none
    /// is. Backfilled seconds are left out: they are only ever held in live modes, which decide every second.</summary>
    public long? NextLeave => _seconds.TryPeek(out var oldest) ? oldest.Second + 1 + Seconds : null;

    /// <summary><c>Total / W</c>, computed from the integer total each time.</summary>
    public double Average => (double)Total / Seconds;

    /// <summary>Slides the window to <paramref name="closed"/>'s boundary <c>b</c>: the seconds before <c>b − W</c> leave,
    /// the closed second and its backfilled hits enter; returns the new <see cref="Total"/>.</summary>
    public long Slide(ClosedSecond closed)
    {
        long oldest = closed.Boundary - Seconds;
        while (_seconds.TryPeek(out var first) && first.Second < oldest)
        {
            _seconds.Dequeue();
            Total -= first.Hits;
        }
        if (_backfilled.Count > 0) DropBackfilledBefore(oldest);

        if (closed.Hits > 0)
        {
            _seconds.Enqueue(new SecondHits(closed.Second, closed.Hits));
            Total += closed.Hits;
        }
        if (closed.Backfilled is { } backfilled)
        {
            foreach (var (dated, hits) in backfilled)
            {
                long second = Math.Min(dated, closed.Second);   // the writer's clock may run a little ahead
                if (second < oldest) continue;   // from before the window: it would have left already
                _backfilled[second] = _backfilled.GetValueOrDefault(second) + hits;
                Total += hits;
            }
        }
        return Total;
    }

    private void DropBackfilledBefore(long oldest)
    {
        foreach (var (second, hits) in _backfilled)
        {
            if (second >= oldest) continue;
            _backfilled.Remove(second);   // allowed while enumerating a Dictionary since .NET Core 3.0
            Total -= hits;
        }
    }
}

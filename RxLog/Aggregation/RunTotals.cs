namespace RxLog.Aggregation;

/// <summary>What a whole run read, second by closed second: hits, invalid lines, the first and the newest record
/// second. Pure, no clock; the summary is made from it.</summary>
public sealed class RunTotals
{
    public long Hits { get; private set; }
    public long Invalid { get; private set; }

    /// <summary>The first invalid line read, as read (for the "no record" error).</summary>
    public string? FirstInvalidLine { get; private set; }

    /// <summary>The first second that held a record (clamped), if any.</summary>
    public long? FirstRecord { get; private set; }

    /// <summary>The newest second that held a record (clamped), if any.</summary>
    public long? LastRecord { get; private set; }

    /// <summary>The display offset of the newest second added: the first record's, UTC before any.</summary>
    public TimeSpan Offset { get; private set; }

    /// <summary>Counts <paramref name="closed"/>; returns these totals.</summary>
    public RunTotals Add(ClosedSecond closed)
    {
        Hits += closed.Hits;
        Invalid += closed.Invalid;
        FirstInvalidLine ??= closed.FirstInvalidText;
        Offset = closed.Offset;
        if (closed.Hits > 0)
        {
            FirstRecord ??= closed.Second;
            LastRecord = closed.Second;
        }
        return this;
    }

    /// <summary>A Unix second in the run's display offset.</summary>
    public DateTimeOffset At(long unixSeconds) => DateTimeOffset.FromUnixTimeSeconds(unixSeconds).ToOffset(Offset);
}

namespace RxLog.Pipeline;

/// <summary>Hits loaded into the alert window from before the run began (<c>watch</c>'s backfill), by log second, until
/// their seconds leave the window.</summary>
/// <remarks>Kept beside the window rather than in it: they arrive at start, dated in seconds the window has already
/// passed, and this way the window stays a plain ring that only ever slides. Empty after W seconds, and then free.</remarks>
internal sealed class BackfilledHits
{
    private readonly Dictionary<long, long> _bySecond = new();

    /// <summary>Hits of the seconds still in the window.</summary>
    public long Total { get; private set; }

    public void Add(long second, long hits = 1)
    {
        _bySecond[second] = _bySecond.GetValueOrDefault(second) + hits;
        Total += hits;
    }

    /// <summary>Forgets the seconds before <paramref name="oldest"/>, which have left the window.</summary>
    public void DropBefore(long oldest)
    {
        if (Total == 0) return;
        foreach (var (second, hits) in _bySecond)
        {
            if (second >= oldest) continue;
            _bySecond.Remove(second);   // allowed while enumerating a Dictionary since .NET Core 3.0
            Total -= hits;
        }
    }
}

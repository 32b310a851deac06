using System.Collections.Concurrent;
using RxLog.Pipeline;

namespace RxLog.Aggregation;

/// <summary>The interval tallies parsing workers fill ahead of the clock (<see cref="ChunkTally"/>), used again once
/// the report of their interval has merged them (<see cref="ReportInterval"/>): new ones made the 5M-line check
/// allocate 57 of its 88 MB (a client table per report interval per slice), and garbage collections stop every thread.</summary>
/// <remarks>At most <see cref="MaxKept"/> are kept, cleared but with their tables' capacity, so memory stays bounded
/// by what the slices in flight hold anyway. Thread-safe: workers take, the clock's thread gives back.</remarks>
internal static class RunTallies
{
    /// <summary>Tallies kept for reuse: a few per slice in flight (<see cref="Parsing.ParallelParsing.MaxSlicesAhead"/>).</summary>
    public const int MaxKept = 64;

    // Exact for any number of keys (a worker's chunk bounds them), keys told apart by reference (its parser interns them).
    private static readonly TallyPool Pool = new(() => new TrafficAccumulator(int.MaxValue, keysByReference: true), MaxKept);

    /// <summary>An empty tally for a worker's part of an interval.</summary>
    public static TrafficAccumulator Take() => Pool.Take();

    /// <summary>Keeps <paramref name="tally"/>, emptied, for <see cref="Take"/>; its owner must not use it again.</summary>
    public static void GiveBack(TrafficAccumulator tally) => Pool.GiveBack(tally);
}

/// <summary>The tallies of report intervals (<see cref="ReportInterval"/>) and of the seconds counted one by one
/// (<see cref="OpenSecond"/>), used again once their report is made: a quiet log writes a report for every few lines,
/// and a fresh tally each time (two tables, their arrays, a histogram) was most of what a report allocated.</summary>
internal static class IntervalTallies
{
    /// <summary>Tallies kept for reuse: an interval or two is open at a time (and a second counted one by one), so a
    /// few serve a run; each may hold the tables of an interval at the exact cap.</summary>
    public const int MaxKept = 4;

    private static readonly TallyPool Pool = new(() => new TrafficAccumulator(), MaxKept);

    /// <summary>An empty tally, exact up to <see cref="TrafficAccumulator.ExactSectionCap"/> keys.</summary>
    public static TrafficAccumulator Take() => Pool.Take();

    /// <summary>Keeps <paramref name="tally"/>, emptied, for <see cref="Take"/>; its owner must not use it again.</summary>
    public static void GiveBack(TrafficAccumulator tally) => Pool.GiveBack(tally);
}

/// <summary>At most <c>maxKept</c> tallies, cleared but with their tables' capacity, so memory stays bounded.
/// Thread-safe: workers take, the clock's thread gives back.</summary>
internal sealed class TallyPool(Func<TrafficAccumulator> make, int maxKept)
{
    private readonly ConcurrentQueue<TrafficAccumulator> _kept = new();
    private int _count;

    public TrafficAccumulator Take()
    {
        if (!_kept.TryDequeue(out var tally)) return make();
        Interlocked.Decrement(ref _count);
        return tally;
    }

    public void GiveBack(TrafficAccumulator tally)
    {
        if (Interlocked.Increment(ref _count) > maxKept)
        {
            Interlocked.Decrement(ref _count);
            return;
        }
        tally.Reset();
        _kept.Enqueue(tally);
    }
}

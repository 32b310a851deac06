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

    private static readonly ConcurrentQueue<TrafficAccumulator> Kept = new();
    private static int _kept;

    /// <summary>An empty tally for a worker's part of an interval: exact for any number of keys (its chunk bounds
    /// them), keys told apart by reference (its parser interns them).</summary>
    public static TrafficAccumulator Take()
    {
        if (!Kept.TryDequeue(out var tally)) return new TrafficAccumulator(int.MaxValue, keysByReference: true);
        Interlocked.Decrement(ref _kept);
        return tally;
    }

    /// <summary>Keeps <paramref name="tally"/>, emptied, for <see cref="Take"/>; its owner must not use it again.</summary>
    public static void GiveBack(TrafficAccumulator tally)
    {
        if (Interlocked.Increment(ref _kept) > MaxKept)
        {
            Interlocked.Decrement(ref _kept);
            return;
        }
        tally.Reset();
        Kept.Enqueue(tally);
    }
}

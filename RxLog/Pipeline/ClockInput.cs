using RxLog.Parsing;

namespace RxLog.Pipeline;

/// <summary>What moves the clock's open second: lines read, lines from before the run (backfill, for the alert window
/// only), or a whole-second boundary that closes it. One serialised stream of these is the clock.</summary>
/// <remarks>A class, like the batches: Rx's operators over reference types share code compiled ahead of time, while
/// every value type needs its own at start-up (about a third of <c>check</c>'s start, measured).</remarks>
/// <param name="Batch">The lines read; null for a boundary.</param>
/// <param name="From">Where in <paramref name="Batch"/> the lines start: log time hands on a batch second by second, and
/// a slice of its own for each second was an object per second of a quiet log.</param>
/// <param name="Count">How many lines of <paramref name="Batch"/> from <paramref name="From"/>; -1 for all of them.</param>
public sealed record ClockInput(ParsedBatch? Batch, long Boundary, bool Backfill = false, int From = 0, int Count = -1)
{
    public bool IsBoundary => Batch is null;

    /// <summary>The lines read (valid during the <c>OnNext</c> that carries them, like the batch's).</summary>
    public ReadOnlySpan<ParsedLine> Lines => Count < 0 ? Batch!.Lines : Batch!.Lines.Slice(From, Count);
}

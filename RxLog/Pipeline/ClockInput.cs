using RxLog.Parsing;

namespace RxLog.Pipeline;

/// <summary>What moves the clock's open second: lines read, lines from before the run (backfill, for the alert window
/// only), or a whole-second boundary that closes it. One serialised stream of these is the clock.</summary>
/// <remarks>A class, like the batches: Rx's operators over reference types share code compiled ahead of time, while
/// every value type needs its own at start-up (about a third of <c>check</c>'s start, measured).</remarks>
public sealed record ClockInput(ParsedBatch? Lines, long Boundary, bool Backfill = false)
{
    public bool IsBoundary => Lines is null;
}

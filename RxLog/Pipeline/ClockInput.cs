using RxLog.Parsing;

namespace RxLog.Pipeline;

/// <summary>What moves the clock's open second: lines read, lines from before the run (backfill, for the alert window
/// only), or a whole-second boundary that closes it. One serialised stream of these is the clock.</summary>
/// <remarks>A class, like the batches: Rx's operators over reference types share code compiled ahead of time, while
/// every value type needs its own at start-up (about a third of <c>check</c>'s start, measured).
/// <para>Valid during the <c>OnNext</c> that carries it, like the lines it holds: log time's replay hands on the same two
/// inputs (one for lines, one for boundaries) set anew each time, as a fresh pair per second read was two objects per
/// second of a quiet log. Nothing holds one past its <c>OnNext</c>: the open second counts the lines and takes the
/// boundary's second there.</para></remarks>
public sealed class ClockInput
{
    /// <param name="batch">The lines read; null for a boundary.</param>
    /// <param name="boundary">The boundary (Unix seconds) when <paramref name="batch"/> is null.</param>
    /// <param name="backfill">Lines from before the run.</param>
    /// <param name="from">Where in <paramref name="batch"/> the lines start: log time hands on a batch second by second,
    /// and a slice of its own for each second was an object per second of a quiet log.</param>
    /// <param name="count">How many lines of <paramref name="batch"/> from <paramref name="from"/>; -1 for all of them.</param>
    public ClockInput(ParsedBatch? batch, long boundary, bool backfill = false, int from = 0, int count = -1)
    {
        Batch = batch;
        Boundary = boundary;
        Backfill = backfill;
        From = from;
        Count = count;
    }

    /// <summary>The lines read; null for a boundary.</summary>
    public ParsedBatch? Batch { get; private set; }

    /// <summary>The boundary (Unix seconds) for a boundary; 0 for lines.</summary>
    public long Boundary { get; private set; }

    public bool Backfill { get; }

    public int From { get; private set; }

    public int Count { get; private set; }

    public bool IsBoundary => Batch is null;

    /// <summary>The lines read (valid during the <c>OnNext</c> that carries them, like the batch's).</summary>
    public ReadOnlySpan<ParsedLine> Lines => Count < 0 ? Batch!.Lines : Batch!.Lines.Slice(From, Count);

    /// <summary>Log time's replay: this input, reused for <paramref name="count"/> lines of <paramref name="batch"/>.</summary>
    internal ClockInput SetLines(ParsedBatch batch, int from, int count)
    {
        Batch = batch;
        From = from;
        Count = count;
        return this;
    }

    /// <summary>Log time's replay: this input, reused for the boundary <paramref name="second"/>.</summary>
    internal ClockInput SetBoundary(long second)
    {
        Boundary = second;
        return this;
    }
}

namespace RxLog.Sources;

/// <summary>A run of whole lines read from one source, the unit sources emit so that nothing is allocated per line.</summary>
/// <param name="Origin">Where the lines came from ("-" for stdin, else the path), for messages and rejects.</param>
/// <param name="Buffer">The bytes; valid only during the <c>OnNext</c> call that carries them (the source reuses it).</param>
/// <param name="Count">How many bytes of <paramref name="Buffer"/>, from <paramref name="Start"/>, hold lines. Every line ends with <c>\n</c>, the last
/// line of a source included (a source appends one where the input had none).</param>
/// <param name="FirstLineNumber">1-based number of the first line in this chunk; 0 for a backfill chunk, whose lines
/// are picked from a file's tail and not numbered; <see cref="Unnumbered"/> and up for a slice of a file that a parsing
/// worker read before the lines ahead of it were counted (<see cref="FileSlices"/>).</param>
/// <param name="Backfill">True for lines that were in a followed file before following began, read only to fill the
/// alert window (<see cref="WindowBackfill"/>): they are not hits of this run.</param>
/// <param name="Pooled">True when <paramref name="Buffer"/> was rented from <c>ArrayPool&lt;byte&gt;.Shared</c> for this
/// chunk alone: the source never touches it again, and the consumer returns it when done (so the parallel parser can
/// hand it to a worker without copying it first).</param>
/// <param name="LineCount">How many lines (<c>\n</c>s) the chunk holds, when the source counted them anyway; -1 when
/// it did not (see <see cref="CountLines"/>).</param>
/// <param name="Start">Where the lines start in <paramref name="Buffer"/>.</param>
public sealed record LineChunk(string Origin, byte[] Buffer, int Count, long FirstLineNumber, bool Backfill = false,
    bool Pooled = false, int LineCount = -1, int Start = 0)
{
    /// <summary>The first line number of a chunk whose place among the lines is not known yet: its lines are numbered
    /// from here, and the consumer, which takes chunks in order, moves them to their place. Far above any real line
    /// number, and above 1, so that nothing mistakes a line of it for line 1.</summary>
    public const long Unnumbered = 1L << 62;

    public ReadOnlySpan<byte> Lines => Buffer.AsSpan(Start, Count);

    /// <summary>Each line with its number, from <see cref="FirstLineNumber"/> on.</summary>
    public ChunkLines EachLine() => new(Lines, FirstLineNumber);

    /// <summary>The lines (<c>\n</c>s) in the chunk: <see cref="LineCount"/>, or counted now.</summary>
    public int CountLines() => LineCount >= 0 ? LineCount : Lines.Count((byte)'\n');
}

namespace RxLog.Parsing;

/// <summary>The parsed lines of one chunk, in file order: the unit the pipeline moves, so that per-line work is a
/// plain loop and each Rx hop is paid once per chunk (about a thousand lines), not once per line.</summary>
/// <remarks>Like <see cref="Sources.LineChunk"/>, the buffer is reused: it is valid only during the <c>OnNext</c> call
/// that carries it. <see cref="Copy"/> it before handing it to another thread.</remarks>
public sealed record ParsedBatch(ParsedLine[] Buffer, int Start, int Count)
{
    public ReadOnlySpan<ParsedLine> Lines => Buffer.AsSpan(Start, Count);

    public bool IsEmpty => Count == 0;

    /// <summary>Where the lines were read (<c>LineChunk.Origin</c>: a path, <c>-</c> for stdin), for rules scoped by
    /// source; null when unknown.</summary>
    public string? Origin { get; init; }

    /// <summary>A batch that owns its lines, safe to keep or to pass to another thread.</summary>
    public ParsedBatch Copy() => this with { Buffer = Lines.ToArray(), Start = 0 };

    /// <summary>One line on its own (tests, and sources that produce lines one by one).</summary>
    public static ParsedBatch Of(in ParsedLine line) => new(new[] { line }, 0, 1);
}

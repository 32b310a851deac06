namespace RxLog.Sources;

/// <summary>Sources stage: one line of a chunk (<see cref="ChunkLines"/>), without its <c>\n</c>, and its 1-based number.</summary>
public readonly ref struct NumberedLine(ReadOnlySpan<byte> text, long number)
{
    public ReadOnlySpan<byte> Text { get; } = text;

    public long Number { get; } = number;
}

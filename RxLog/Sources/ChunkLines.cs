using System.Runtime.CompilerServices;
namespace RxLog.Sources;

/// <summary>Sources stage: the lines of a <see cref="LineChunk"/> in order, each without its <c>\n</c> and with its
/// line number (a last line without <c>\n</c> is a line all the same). A ref struct: <c>foreach</c> over it allocates
/// nothing, so the parsing loops share it.</summary>
public ref struct ChunkLines
{
    private ReadOnlySpan<byte> _rest;
    private long _next;

    public ChunkLines(ReadOnlySpan<byte> lines, long firstLineNumber)
    {
        _rest = lines;
        _next = firstLineNumber;
    }

    /// <summary>The line <see cref="MoveNext"/> moved to.</summary>
    public NumberedLine Current { get; private set; }

    public readonly ChunkLines GetEnumerator() => this;

    [MethodImpl(HotPath.FullyOptimized)]
    public bool MoveNext()
    {
        if (_rest.IsEmpty) return false;
        int newline = ByteSearch.IndexOf(_rest, (byte)'\n');
        Current = new NumberedLine(newline < 0 ? _rest : _rest[..newline], _next++);
        _rest = newline < 0 ? default : _rest[(newline + 1)..];
        return true;
    }
}

using RxLog.Sources;

namespace RxLog.Parsing;

/// <summary>Parsing stage: what a parsing worker does with one chunk. Writes its lines, parsed, into
/// <paramref name="buffer"/> (growing it by doubling if it must) and returns how many entries it wrote; one slot per
/// line of the chunk is always enough. <paramref name="lines"/>: the lines the chunk held, blank ones included.</summary>
/// <remarks><see cref="ParsedLines"/> writes one entry per non-blank line; <c>Pipeline/ChunkTally</c> counts
/// records ahead into runs.</remarks>
public delegate int ChunkParser(LineChunk chunk, ILogLineParser parser, ref ParsedLine[] buffer, out int lines);

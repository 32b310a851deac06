using System.Reactive;
using System.Text;
using RxLog.Sources;
using RxLog.Tests.Support;

namespace RxLog.Tests.Sources;

/// <summary><c>check</c> reads files into a pooled buffer per chunk (<see cref="LineChunk.Pooled"/>), so the parallel
/// parser hands chunks to workers without copying: the lines must be exactly those of the reusing chunker.</summary>
public class PooledChunkTests
{
    private static (List<string> Lines, List<LineChunk> Chunks) Read(byte[] input, bool pooled, int pieceSize)
    {
        var lines = new List<string>();
        var chunks = new List<LineChunk>();
        var pieces = input.Chunk(pieceSize).Select(p => p.ToArray());
        var observer = Observer.Create<LineChunk>(chunk =>
        {
            chunks.Add(chunk);
            // Copy the text now: a reusing chunker overwrites its buffer after this call.
            lines.AddRange(Encoding.Latin1.GetString(chunk.Lines).Split('\n')[..^1]);
        });
        new StreamLineChunker("f", StreamLineChunker.DefaultBufferSize, pooled).ReadToEnd(new SourceScriptedStream(pieces), observer);
        return (lines, chunks);
    }

    [Theory]
    [InlineData(1_000)]
    [InlineData(100_000)]
    [InlineData(1_000_000)]
    public void Pooled_chunks_carry_the_same_lines_each_in_a_buffer_of_its_own(int pieceSize)
    {
        var random = new Random(7);
        var text = new StringBuilder();
        for (int i = 0; i < 20_000; i++)
        {
            text.Append("line ").Append(i).Append(' ').Append('x', random.Next(0, 120)).Append('\n');
            if (i == 5_000) text.Append('y', 70_000).Append('\n');     // an overlong line: its head, then the rest dropped
        }

        text.Append("last line without a newline");
        byte[] input = Encoding.Latin1.GetBytes(text.ToString());

        var reused = Read(input, pooled: false, pieceSize);
        var pooled = Read(input, pooled: true, pieceSize);

        Assert.Equal(reused.Lines, pooled.Lines);
        Assert.Equal(reused.Chunks.Select(c => c.FirstLineNumber), pooled.Chunks.Select(c => c.FirstLineNumber));
        Assert.All(pooled.Chunks, c => Assert.True(c.Pooled));
        Assert.Equal(pooled.Chunks.Count, pooled.Chunks.Select(c => c.Buffer).Distinct().Count());
        Assert.All(reused.Chunks, c => Assert.False(c.Pooled));
    }
}

using System.Text;
using RxLog.Sources;
using RxLog.Tests.Support;

namespace RxLog.Tests.Sources;

public class StreamLineChunkerTests
{
    private const int Max = LineLimits.MaxLineBytes;

    private static SourceRecorder Chunk(Stream stream)
    {
        var recorder = new SourceRecorder();
        new StreamLineChunker("test").ReadToEnd(stream, recorder);
        return recorder;
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(4096)]
    public void Lines_split_across_reads_come_out_whole_and_numbered(int readSize)
    {
        var recorder = Chunk(SourceScriptedStream.InPiecesOf(readSize, Bytes("first line\nsecond\n\nfourth, after a blank\nlast\n")));

        Assert.Equal([(1L, "first line"), (2L, "second"), (3L, ""), (4L, "fourth, after a blank"), (5L, "last")],
                     recorder.Numbered);
    }

    [Fact]
    public void Each_read_passes_on_its_whole_lines_at_once_and_keeps_the_partial_one()
    {
        var chunker = new StreamLineChunker("pipe");
        var recorder = new SourceRecorder();
        var stream = new SourceScriptedStream([Bytes("a\nb\nc"), Bytes("c\nd")]);

        chunker.Fill(stream);
        chunker.Emit(recorder);
        Assert.Equal(["a", "b"], recorder.Texts);
        Assert.True(chunker.HasPartialLine);

        chunker.Fill(stream);
        chunker.Emit(recorder);
        Assert.Equal(["a", "b", "cc"], recorder.Texts);
        Assert.Equal(2, recorder.Chunks);
        Assert.Equal(4, chunker.NextLineNumber);
    }

    [Fact]
    public void Crlf_is_left_for_the_parser()
    {
        var recorder = Chunk(SourceScriptedStream.InPiecesOf(3, Bytes("one\r\ntwo\r\n")));

        Assert.Equal(["one\r", "two\r"], recorder.Texts);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(100)]
    public void A_bom_at_the_start_is_dropped_even_when_split_across_reads(int readSize)
    {
        var recorder = Chunk(SourceScriptedStream.InPiecesOf(readSize, [0xEF, 0xBB, 0xBF, .. Bytes("a\nb\n")]));

        Assert.Equal(["a", "b"], recorder.Texts);
    }

    [Fact]
    public void A_bom_after_the_start_is_kept()
    {
        byte[] input = [.. Bytes("a\n"), 0xEF, 0xBB, 0xBF, .. Bytes("b\n")];

        var recorder = Chunk(new MemoryStream(input));

        Assert.Equal([Bytes("a"), [0xEF, 0xBB, 0xBF, .. Bytes("b")]], recorder.Lines.Select(l => l.Bytes));
    }

    [Fact]
    public void Only_the_start_of_a_bom_then_the_end_of_input_is_data()
    {
        var recorder = Chunk(SourceScriptedStream.InPiecesOf(1, [0xEF, 0xBB]));

        Assert.Equal([new byte[] { 0xEF, 0xBB }], recorder.Lines.Select(l => l.Bytes));
    }

    [Fact]
    public void A_last_line_without_newline_gets_one()
    {
        var recorder = Chunk(SourceScriptedStream.InPiecesOf(2, Bytes("a\nlast")));

        Assert.Equal([(1L, "a"), (2L, "last")], recorder.Numbered);
    }

    [Fact]
    public void An_empty_input_gives_no_chunk()
    {
        var recorder = Chunk(new MemoryStream());

        Assert.Equal(0, recorder.Chunks);
    }

    [Fact]
    public void A_line_of_exactly_the_limit_passes_unchanged()
    {
        string line = new('x', Max);

        var recorder = Chunk(new MemoryStream(Bytes(line + "\nok\n")));

        Assert.Equal([line, "ok"], recorder.Texts);
    }

    [Theory]
    [InlineData(1 << 20, 1 << 20)]     // one big read (a file)
    [InlineData(1 << 20, 4000)]        // a pipe
    [InlineData(100 * 1024, 1 << 20)]  // the whole overlong line and what follows in one buffer
    [InlineData(Max + 1, 1 << 20)]
    [InlineData(Max + 2, 1 << 20)]
    [InlineData(Max + 2, 1)]
    public void An_overlong_line_is_cut_to_the_limit_plus_one_and_reading_resumes_at_the_next_line(int length, int readSize)
    {
        byte[] input = [.. Bytes("before\n"), .. Enumerable.Repeat((byte)'x', length), .. Bytes("\ngood line\nlast\n")];

        var recorder = Chunk(SourceScriptedStream.InPiecesOf(readSize, input));

        Assert.Equal([(1L, "before"), (2L, new string('x', Max + 1)), (3L, "good line"), (4L, "last")], recorder.Numbered);
    }

    [Fact]
    public void Two_overlong_lines_in_one_buffer_are_both_cut()
    {
        string big = new('y', Max + 10);

        var recorder = Chunk(new MemoryStream(Bytes($"{big}\n{big}\nok\n")));

        Assert.Equal([new string('y', Max + 1), new string('y', Max + 1), "ok"], recorder.Texts);
    }

    [Fact]
    public void An_overlong_last_line_without_newline_is_cut_once()
    {
        var recorder = Chunk(new MemoryStream(Bytes("a\n" + new string('z', 3 * Max))));

        Assert.Equal([(1L, "a"), (2L, new string('z', Max + 1))], recorder.Numbered);
    }

    [Fact]
    public void A_hundred_megabyte_line_without_newline_is_never_buffered()
    {
        var chunker = new StreamLineChunker("huge");
        var recorder = new SourceRecorder();
        var stream = new SourceRepeatStream((byte)'n', 100L << 20, Bytes("\nafter\n"));
        long before = GC.GetAllocatedBytesForCurrentThread();

        chunker.ReadToEnd(stream, recorder);

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 2 << 20, $"allocated {allocated} bytes");
        Assert.Equal([(1L, Max + 1), (2L, 5)], recorder.Lines.Select(l => (l.Number, l.Bytes.Length)));
    }

    [Fact]
    public void Nul_bytes_are_data()
    {
        byte[] input = [.. Bytes("GET /a"), 0, .. Bytes("b\n"), .. new byte[Max], (byte)'\n'];

        var recorder = Chunk(SourceScriptedStream.InPiecesOf(1000, input));

        Assert.Equal([8, Max], recorder.Lines.Select(l => l.Bytes.Length));
    }

    [Fact]
    public void Restart_numbers_from_one_and_drops_a_bom_again()
    {
        var chunker = new StreamLineChunker("file");
        var recorder = new SourceRecorder();
        chunker.ReadToEnd(new MemoryStream(Bytes("a\nb\n")), recorder);

        chunker.Restart();
        chunker.ReadToEnd(new MemoryStream([0xEF, 0xBB, 0xBF, .. Bytes("c\n")]), recorder);

        Assert.Equal([(1L, "a"), (2L, "b"), (1L, "c")], recorder.Numbered);
    }

    [Fact]
    public void Starting_mid_line_skips_to_the_next_line()
    {
        var chunker = new StreamLineChunker("file");
        var recorder = new SourceRecorder();

        chunker.StartMidLine();
        chunker.ReadToEnd(SourceScriptedStream.InPiecesOf(2, Bytes("end of a line\nnext\n")), recorder);

        Assert.Equal(["next"], recorder.Texts);
    }

    [Fact]
    public void Chunks_carry_the_origin()
    {
        var chunks = new List<string>();
        var chunker = new StreamLineChunker("access.log");

        chunker.ReadToEnd(new MemoryStream(Bytes("a\n")), System.Reactive.Observer.Create<LineChunk>(c => chunks.Add(c.Origin)));

        Assert.Equal(["access.log"], chunks);
    }
}

using System.IO.Compression;
using System.Reactive;
using System.Reactive.Linq;
using System.Text;
using RxLog.Sources;
using RxLog.Tests.Support;

namespace RxLog.Tests.Sources;

/// <summary><c>check</c>'s workers read a file's slices themselves (<see cref="FileSlices"/>): together the slices must
/// hold exactly the lines the stream chunker gives for the same bytes — BOM, CRLF, overlong lines, a last line without
/// its newline — wherever the slice borders fall, and a file that changes while it is read must not break them.</summary>
public class FileSlicesTests
{
    private const int Max = LineLimits.MaxLineBytes;

    public static TheoryData<string, int> Inputs()
    {
        var data = new TheoryData<string, int>();
        foreach (var name in new[] { "short lines", "crlf and blanks", "bom", "bom only", "two bytes of a bom", "no final newline",
                     "only newlines", "one char" })
            foreach (int slice in new[] { 1, 2, 3, 5, 16, 100, 4096 })
                data.Add(name, slice);
        foreach (int slice in new[] { 1, 2, 3 })
            data.Add("bom before an overlong first line", slice);   // the BOM reaches past the slice
        foreach (var name in new[] { "overlong lines", "overlong last line without newline", "one overlong line, no newline",
                     "lines of Max, Max+1, Max+2 bytes", "bom before an overlong first line", "long lines under the cap" })
            foreach (int slice in new[] { 4096, 65_535, 65_536, 65_537, 100_000, 1 << 20 })
                data.Add(name, slice);
        return data;
    }

    private static byte[] Input(string name)
    {
        var random = new Random(name.Length);
        string Lines(int n) => string.Concat(Enumerable.Range(0, n).Select(i => $"line {i} {new string('x', random.Next(0, 40))}\n"));
        byte[] bom = [0xEF, 0xBB, 0xBF];
        return name switch
        {
            "short lines" => Bytes(Lines(200)),
            "crlf and blanks" => Bytes("a\r\n\r\n\nb\r\n  \n" + Lines(50).Replace("\n", "\r\n")),
            "bom" => [.. bom, .. Bytes(Lines(30))],
            "bom only" => bom,
            "two bytes of a bom" => [0xEF, 0xBB],
            "no final newline" => Bytes(Lines(40) + "the last line"),
            "only newlines" => Bytes(new string('\n', 300)),
            "one char" => Bytes("x"),
            "overlong lines" => Bytes(Lines(300) + new string('y', 70_000) + "\n" + Lines(200) + new string('z', 200_000) + "\n" + Lines(100)),
            "overlong last line without newline" => Bytes(Lines(300) + new string('y', 150_000)),
            "one overlong line, no newline" => Bytes(new string('q', 300_000)),
            "lines of Max, Max+1, Max+2 bytes" => Bytes(Lines(10) + new string('a', Max) + "\n" + new string('b', Max + 1) + "\n"
                                                         + new string('c', Max + 2) + "\n" + Lines(10) + new string('d', Max + 1)),
            "long lines under the cap" => Bytes(string.Concat(Enumerable.Range(0, 60).Select(i =>
                Lines(3) + new string((char)('a' + i % 26), 3_000 + random.Next(0, 20_000)) + "\n"))),
            "bom before an overlong first line" => [.. bom, .. Bytes(new string('w', Max + 1) + "\n" + Lines(20))],
            _ => throw new ArgumentException(name),
        };
    }

    private static byte[] Bytes(string text) => Encoding.Latin1.GetBytes(text);

    [Theory]
    [MemberData(nameof(Inputs))]
    public void The_slices_hold_the_lines_the_stream_chunker_gives_numbered_alike(string name, int sliceBytes)
    {
        byte[] input = Input(name);
        using var dir = new TempDir();
        var expected = ChunkerLines(input);
        using var slices = Open(dir, input, sliceBytes);
        var (lines, numbers) = SliceLines(slices);

        Assert.Equal(expected, lines);
        Assert.Equal(Enumerable.Range(1, expected.Count).Select(n => (long)n), numbers);
    }

    [Fact]
    public void Slices_read_in_any_order_on_any_thread_give_the_same_lines()
    {
        byte[] input = Input("overlong lines");
        using var dir = new TempDir();
        using var slices = Open(dir, input, 4096);

        var chunks = new LineChunk[slices.Count];
        Parallel.For(0, slices.Count, i => chunks[slices.Count - 1 - i] = slices.Read(slices.Count - 1 - i, LineChunk.Unnumbered));

        var lines = chunks.SelectMany(c => Split(c.Lines)).ToList();
        Assert.Equal(ChunkerLines(input), lines);
    }

    [Fact]
    public void Gzip_empty_files_and_devices_are_left_to_the_stream_reader()
    {
        using var dir = new TempDir();
        string gz = dir.File("access.log.gz"), empty = dir.File("empty.log");
        using (var file = File.Create(gz))
        using (var zip = new GZipStream(file, CompressionLevel.Fastest))
            zip.Write(Bytes("1.2.3.4 - - [01/Mar/2026:12:00:00 +0000] \"GET / HTTP/1.1\" 200 1\n"));
        File.WriteAllBytes(empty, []);

        Assert.Null(FileSlices.TryOpen(gz));
        Assert.Null(FileSlices.TryOpen(empty));
        Assert.Null(FileSlices.TryOpen("/dev/null"));
    }

    [Fact]
    public void A_file_cut_shorter_while_it_is_read_ends_where_it_now_ends_and_appended_lines_wait_for_the_next_run()
    {
        byte[] input = Input("short lines");
        using var dir = new TempDir();
        using var slices = Open(dir, input, 100);
        string path = dir.File("access.log");
        int half = input.Length / 2;

        using (var file = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite)) file.SetLength(half);
        var (cut, _) = SliceLines(slices);

        // Lines up to the cut, the last one torn at it (and given its newline); nothing beyond it, nothing doubled.
        Assert.Equal(ChunkerLines(input[..half]), cut);

        File.AppendAllText(path, "appended after the start\n");
        var (after, _) = SliceLines(slices);
        Assert.DoesNotContain("appended after the start", after);
    }

    [Fact]
    public void A_read_error_reaches_the_subscriber_as_an_error()
    {
        using var dir = new TempDir();
        var slices = Open(dir, Input("short lines"), 100);
        slices.Dispose();   // reading a closed file fails as a broken disk would

        var error = Record.Exception(() => slices.InOrder().Select(slice => slice.Read(1)).Wait());

        Assert.IsType<ObjectDisposedException>(error);
    }

    // --- helpers ---

    // The input as dir/access.log, opened for slicing.
    private static FileSlices Open(TempDir dir, byte[] input, int sliceBytes)
    {
        string path = dir.File("access.log");
        File.WriteAllBytes(path, input);
        return FileSlices.TryOpen(path, sliceBytes)!;
    }

    private static List<string> ChunkerLines(byte[] input)
    {
        var lines = new List<string>();
        new StreamLineChunker("f").ReadToEnd(new MemoryStream(input), Observer.Create<LineChunk>(c => lines.AddRange(Split(c.Lines))));
        return lines;
    }

    private static (List<string> Lines, List<long> Numbers) SliceLines(FileSlices slices)
    {
        var lines = new List<string>();
        var numbers = new List<long>();
        long next = 1;
        foreach (var slice in slices.InOrder().ToEnumerable())
        {
            var chunk = slice.Read(next);
            foreach (var line in chunk.EachLine()) numbers.Add(line.Number);
            lines.AddRange(Split(chunk.Lines));
            Assert.Equal(chunk.Count, chunk.Count > 0 ? chunk.Lines.LastIndexOf((byte)'\n') + 1 : 0);   // whole lines only
            next += chunk.CountLines();
        }
        return (lines, numbers);
    }

    private static IEnumerable<string> Split(ReadOnlySpan<byte> lines) =>
        Encoding.Latin1.GetString(lines).Split('\n')[..^1];
}

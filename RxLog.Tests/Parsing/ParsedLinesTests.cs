using System.Reactive.Linq;
using System.Reactive.Subjects;
using RxLog.Parsing;
using RxLog.Sources;
using RxLog.Tests.Support;

namespace RxLog.Tests.Parsing;

public class ParsedLinesTests
{
    private static readonly LogRecord Apache = new(LogLines.TimeSeconds, -420, "/apache_pb.gif", 200, 2326, Client: "127.0.0.1");

    private static List<ParsedLine> ParseAll(params LineChunk[] chunks) =>
        chunks.ToObservable().ToParsedLines(new CommonLogParser()).ToList().Wait().ToList();

    [Fact]
    public void Each_non_blank_line_becomes_a_hit_or_an_invalid_line_numbered_from_the_chunk()
    {
        string text = LogLines.Clf() + "\n" + "\n" + "garbage here\n" + " \t \n" + LogLines.Clf() + "\r\n" + "\r\n" + "\0\0\0\n";

        List<ParsedLine> actual = ParseAll(LogLines.Chunk(text, firstLineNumber: 41));

        ParsedLine[] expected =
        [
            ParsedLine.Hit(Apache, 41),
            ParsedLine.Invalid("garbage here", 43),
            ParsedLine.Hit(Apache, 45),
            ParsedLine.Invalid("\0\0\0", 47),
        ];
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Line_numbers_continue_across_chunks()
    {
        List<ParsedLine> actual = ParseAll(
            LogLines.Chunk(LogLines.Clf() + "\n" + LogLines.Clf() + "\n", firstLineNumber: 1),
            LogLines.Chunk("x\n", firstLineNumber: 3));

        Assert.Equal([1L, 2L, 3L], actual.Select(p => p.LineNumber));
    }

    [Fact]
    public void An_invalid_line_keeps_its_text_without_the_carriage_return_and_with_bad_utf8_replaced()
    {
        byte[] line = [(byte)'a', 0xFF, (byte)'b', (byte)'\r', (byte)'\n'];

        List<ParsedLine> actual = ParseAll(LogLines.Chunk(line));

        Assert.Equal([ParsedLine.Invalid("a\uFFFDb", 1)], actual);
    }

    [Fact]
    public void A_last_line_without_a_newline_is_parsed_all_the_same()
    {
        List<ParsedLine> actual = ParseAll(LogLines.Chunk(LogLines.Clf()));

        Assert.Equal([ParsedLine.Hit(Apache, 1)], actual);
    }

    [Fact]
    public void A_byte_order_mark_is_stripped_from_the_first_line_only()
    {
        string text = "\uFEFF" + LogLines.Clf() + "\n\uFEFFgarbage\n";

        List<ParsedLine> actual = ParseAll(LogLines.Chunk(text));

        Assert.Equal([ParsedLine.Hit(Apache, 1), ParsedLine.Invalid("\uFEFFgarbage", 2)], actual);
    }

    [Fact]
    public void A_line_longer_than_the_limit_is_invalid_and_shown_as_a_short_prefix()
    {
        string longLine = LogLines.Clf(request: "GET /" + new string('a', LineLimits.MaxLineBytes) + " HTTP/1.1");
        string text = longLine + "\n" + LogLines.Clf() + "\n";

        List<ParsedLine> actual = ParseAll(LogLines.Chunk(text));

        ParsedLine[] expected =
        [
            ParsedLine.Invalid(longLine[..ParsedLines.OverlongPrefixBytes] + "…", 1),
            ParsedLine.Hit(Apache, 2),
        ];
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void A_line_of_exactly_the_limit_is_still_parsed()
    {
        string line = LogLines.Clf(request: "GET /a HTTP/1.1", extra: " \"-\" \"");
        line += new string('x', LineLimits.MaxLineBytes - line.Length - 1) + "\"";

        List<ParsedLine> actual = ParseAll(LogLines.Chunk(line + "\n"));

        Assert.Equal([ParsedLine.Hit(Apache with { Section = "/a" }, 1)], actual);
    }

    [Fact]
    public void Errors_pass_through()
    {
        var error = new IOException("disk gone");
        var chunks = new Subject<LineChunk>();
        var seen = new List<ParsedLine>();
        Exception? actual = null;
        using var subscription = chunks.ToParsedLines(new CommonLogParser()).Subscribe(seen.Add, e => actual = e);

        chunks.OnNext(LogLines.Chunk(LogLines.Clf() + "\n"));
        chunks.OnError(error);

        Assert.Equal([ParsedLine.Hit(Apache, 1)], seen);
        Assert.Same(error, actual);
    }

    [Fact]
    public void Completion_passes_through()
    {
        var chunks = new Subject<LineChunk>();
        bool completed = false;
        using var subscription = chunks.ToParsedLines(new CommonLogParser()).Subscribe(_ => { }, () => completed = true);

        chunks.OnCompleted();

        Assert.True(completed);
    }

    [Fact]
    public void A_parser_that_throws_ends_the_stream_with_its_error()
    {
        var chunks = new Subject<LineChunk>();
        var seen = new List<ParsedLine>();
        Exception? actual = null;
        using var subscription = chunks.ToParsedLines(new ThrowingParser()).Subscribe(seen.Add, e => actual = e);

        chunks.OnNext(LogLines.Chunk("a\nb\n"));
        chunks.OnNext(LogLines.Chunk("c\n"));

        Assert.Empty(seen);
        Assert.IsType<InvalidOperationException>(actual);
    }

    [Fact]
    public void Results_do_not_depend_on_the_buffer_after_on_next()
    {
        LineChunk chunk = LogLines.Chunk("garbage\n" + LogLines.Clf() + "\n");
        var seen = new List<ParsedLine>();
        var chunks = new Subject<LineChunk>();
        using var subscription = chunks.ToParsedLines(new CommonLogParser()).Subscribe(seen.Add);

        chunks.OnNext(chunk);
        chunk.Buffer.AsSpan().Fill((byte)'z');      // the source reuses its buffer

        Assert.Equal([ParsedLine.Invalid("garbage", 1), ParsedLine.Hit(Apache, 2)], seen);
    }

    private sealed class ThrowingParser : ILogLineParser
    {
        public string FormatName => "throws";

        public bool TryParse(ReadOnlySpan<byte> line, out LogRecord record) => throw new InvalidOperationException("bug");
    }
}

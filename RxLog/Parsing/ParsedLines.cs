using System.Runtime.CompilerServices;
using System.Buffers;
using System.Reactive.Linq;
using System.Text;
using RxLog.Sources;

namespace RxLog.Parsing;

/// <summary>Parsing stage, Rx shell: chunks of raw lines in, one <see cref="ParsedLine"/> per non-blank line out.</summary>
public static class ParsedLines
{
    /// <summary>Characters kept of a line longer than <see cref="LineLimits.MaxLineBytes"/> when showing it.</summary>
    public const int OverlongPrefixBytes = 200;

    // Blank means only these (after the one trailing '\r' is gone). NUL is not blank: a NUL-only line is invalid.
    private static readonly SearchValues<byte> Blank = SearchValues.Create(" \t\r\v\f"u8);

    /// <summary>Splits each chunk at <c>\n</c> and parses every line with <paramref name="parser"/>, numbering lines
    /// from <see cref="LineChunk.FirstLineNumber"/>, and passes on each chunk's lines as one <see cref="ParsedBatch"/>.
    /// Blank lines are skipped (but numbered); every other line becomes a hit or an invalid line, so nothing is
    /// dropped silently. Errors and completion pass through.</summary>
    /// <remarks>The chunk's buffer is read only during <c>OnNext</c>: nothing here keeps a reference to it. The batch
    /// buffer is reused for the next chunk. Not thread-safe per subscription, like the parser.</remarks>
    /// <param name="rejects">When given, receives every invalid line's bytes as read (<c>--rejects FILE</c>).</param>
    public static IObservable<ParsedBatch> ToParsedBatches(this IObservable<LineChunk> chunks, ILogLineParser parser,
        IRejectedLineSink? rejects = null) =>
        chunks.ToParsedBatches(parser, (LineChunk chunk, ILogLineParser p, ref ParsedLine[] buffer, out int lines) =>
            Parse(chunk, p, rejects, ref buffer, out lines));

    /// <summary><see cref="ToParsedBatches(IObservable{LineChunk}, ILogLineParser, IRejectedLineSink?)"/> with each
    /// chunk turned into entries by <paramref name="parse"/>.</summary>
    public static IObservable<ParsedBatch> ToParsedBatches(this IObservable<LineChunk> chunks, ILogLineParser parser,
        ChunkParser parse)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        ArgumentNullException.ThrowIfNull(parser);
        ArgumentNullException.ThrowIfNull(parse);
        return Observable.Create<ParsedBatch>(observer =>
        {
            bool failed = false;    // a parser threw: the error went downstream, ignore the rest
            var buffer = new ParsedLine[1024];
            return chunks.Subscribe(
                chunk =>
                {
                    if (failed) return;
                    try
                    {
                        int count = parse(chunk, parser, ref buffer, out _);
                        if (chunk.Pooled) ArrayPool<byte>.Shared.Return(chunk.Buffer);
                        if (count > 0) observer.OnNext(new ParsedBatch(buffer, 0, count) { Origin = chunk.Origin });
                        Array.Clear(buffer, 0, count);   // the batch is gone: let its strings and tallies go
                    }
                    catch (ParserFailedException error)
                    {
                        failed = true;
                        observer.OnError(error.InnerException!);
                    }
                },
                observer.OnError,
                observer.OnCompleted);
        });
    }

    /// <summary><see cref="ToParsedBatches"/> one line at a time, for consumers that want lines, not batches.</summary>
    public static IObservable<ParsedLine> ToParsedLines(this IObservable<LineChunk> chunks, ILogLineParser parser,
        IRejectedLineSink? rejects = null) =>
        Observable.Create<ParsedLine>(observer => chunks.ToParsedBatches(parser, rejects).Subscribe(
            batch =>
            {
                foreach (var line in batch.Lines) observer.OnNext(line);
            },
            observer.OnError,
            observer.OnCompleted));

    /// <summary>Classifies one line (without its <c>\n</c>; one trailing <c>\r</c> is stripped here): false when it
    /// is blank or a directive of the format and to be ignored, else a hit or an invalid line in <paramref name="parsed"/>.</summary>
    /// <remarks>A UTF-8 byte order mark is stripped from line 1 only (BAD-INPUTS.md B13).</remarks>
    public static bool TryParseLine(ILogLineParser parser, ReadOnlySpan<byte> line, long lineNumber, out ParsedLine parsed)
    {
        ArgumentNullException.ThrowIfNull(parser);
        if (TryParseRecord(parser, line, lineNumber, out LogRecord record))
        {
            parsed = ParsedLine.Hit(record, lineNumber);
            return true;
        }

        return TryParseOther(parser, line, lineNumber, out parsed);
    }

    /// <summary>The first half of <see cref="TryParseLine"/>: true when the line is a record.</summary>
    [MethodImpl(HotPath.FullyOptimized)]
    internal static bool TryParseRecord(ILogLineParser parser, ReadOnlySpan<byte> line, long lineNumber, out LogRecord record)
    {
        if (line.Length > LineLimits.MaxLineBytes)
        {
            record = default;
            return false;
        }

        return parser.TryParse(Trimmed(line, lineNumber), out record);
    }

    /// <summary>The second half of <see cref="TryParseLine"/>, for a line <see cref="TryParseRecord"/> said is not a
    /// record: false when it is blank or a directive, else the invalid line in <paramref name="parsed"/>.</summary>
    internal static bool TryParseOther(ILogLineParser parser, ReadOnlySpan<byte> line, long lineNumber, out ParsedLine parsed)
    {
        if (line.Length > LineLimits.MaxLineBytes)
        {
            parsed = ParsedLine.Invalid(Overlong(line), lineNumber);
            return true;
        }

        line = Trimmed(line, lineNumber);
        // Only a line that is not a record is looked at twice: no blank line is a record, and a good line is then
        // scanned once, not twice.
        if (!line.ContainsAnyExcept(Blank) || parser.IsDirective(line))
        {
            parsed = default;
            return false;
        }

        parsed = ParsedLine.Invalid(Encoding.UTF8.GetString(line), lineNumber);
        return true;
    }

    // Exceptions thrown by the parser are passed on as OnError; exceptions thrown by the observer are not caught:
    // they belong to whoever called OnNext, as with Rx's own operators.
    internal static int Parse(LineChunk chunk, ILogLineParser parser, IRejectedLineSink? rejects, ref ParsedLine[] buffer,
        out int lines)
    {
        int count = 0;
        lines = 0;
        foreach (var line in chunk.EachLine())
        {
            lines++;
            bool nonBlank;
            ParsedLine parsed;
            try
            {
                nonBlank = TryParseLine(parser, line.Text, line.Number, out parsed);
            }
            catch (Exception error)
            {
                throw new ParserFailedException(error);
            }

            if (nonBlank)
            {
                if (rejects is not null && parsed.Kind == LineKind.Invalid)
                {
                    rejects.Reject(chunk.Origin, line.Number, line.Text);
                }

                Append(ref buffer, ref count, parsed);
            }
        }

        return count;
    }

    /// <summary>Writes <paramref name="line"/> at <paramref name="count"/>, growing the buffer when it is full.</summary>
    internal static void Append(ref ParsedLine[] buffer, ref int count, in ParsedLine line)
    {
        if (count == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
        buffer[count++] = line;
    }

    // A UTF-8 byte order mark on line 1, and one trailing '\r', are not part of the line.
    [MethodImpl(HotPath.FullyOptimized)]
    private static ReadOnlySpan<byte> Trimmed(ReadOnlySpan<byte> line, long lineNumber)
    {
        if (lineNumber == 1 && line.StartsWith("\uFEFF"u8))
        {
            line = line[3..];
        }

        if (!line.IsEmpty && line[^1] == (byte)'\r')
        {
            line = line[..^1];
        }

        return line;
    }

    internal sealed class ParserFailedException(Exception inner) : Exception(inner.Message, inner);

    // A short, readable prefix: enough to find the line, never 64 KiB of it in a report.
    private static string Overlong(ReadOnlySpan<byte> line)
    {
        int cut = OverlongPrefixBytes;
        while (cut > 0 && (line[cut] & 0xC0) == 0x80)
        {
            cut--;      // do not split a UTF-8 sequence
        }

        return Encoding.UTF8.GetString(line[..cut]) + "…";
    }
}

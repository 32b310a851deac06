using Microsoft.Win32.SafeHandles;
using RxLog.Parsing;

namespace RxLog.Sources;

/// <summary>Reads a file backwards from an offset, a block at a time, and picks the records dated within the alert
/// window before now: what <c>watch</c> loads into the window when it starts at a file's end.</summary>
/// <remarks>
/// <para>"Now" is the second the clock is in (<c>n</c>); the first alert decision, at <c>n + 1</c>, averages over the
/// seconds <c>[n − W + 1, n]</c>, so a record dated in them is picked. A record dated after <c>n</c> by at most
/// <see cref="ClockSkewSeconds"/> is picked too, and counts in the current second: its writer's clock runs a little
/// ahead of ours, and it was written just now. One further ahead is skipped: its clock is too far off to place it, and
/// counting a whole log from a skewed clock at once would raise an alert that never was. Older records, invalid lines,
/// directives and blank lines are not picked.</para>
/// <para>Reading stops at the first record older than the window by more than <see cref="DisorderSlackSeconds"/> (lines
/// are not written in perfect order, so a record a little older than the window may have newer ones before it), after
/// <see cref="MaxInvalidInARow"/> lines in a row that are not records (the end of the file is not in this format, and
/// more of it will not be), after <see cref="MaxBytes"/>, or at the start of the file. So a huge file whose timestamps
/// do not parse costs a bounded read at start, never a read of the whole file.</para>
/// <para>The unfinished line at <c>end</c>, if any, is not looked at (following reads it once finished); nor is a
/// line cut by the <see cref="MaxBytes"/> limit, nor the rest of a line longer than 64 KiB, which counts as invalid.</para>
/// </remarks>
internal static class RecentRecords
{
    /// <summary>How much older than the window a record must be before reading stops.</summary>
    public const int DisorderSlackSeconds = 60;

    /// <summary>How far after now a record may be dated and still count (in the current second).</summary>
    public const int ClockSkewSeconds = 60;

    /// <summary>The most that is read backwards from the end.</summary>
    public const long MaxBytes = 64L << 20;

    /// <summary>Invalid lines in a row after which reading stops (as many as format detection looks at).</summary>
    public const int MaxInvalidInARow = 1000;

    private const int BlockBytes = 64 * 1024;

    /// <summary>The records of <c>[.., end)</c> in <paramref name="file"/> dated within the window before
    /// <paramref name="nowSecond"/>, as blocks of whole lines (each ending with <c>\n</c>) in file order, and how
    /// many records they hold. I/O errors propagate.</summary>
    public static (List<byte[]> Blocks, long Records) Read(SafeFileHandle file, long end, ILogLineParser parser,
        long nowSecond, int windowSeconds)
    {
        var judge = new Judge(parser, nowSecond, windowSeconds);
        var picked = new List<byte[]>();       // newest block first
        var ranges = new List<Range>();        // lines picked in the current block, newest first
        long limit = Math.Max(0, end - MaxBytes);
        long position = end;
        byte[] carry = [];                     // the end of a line that starts before `position`, its '\n' included
        bool skipping = true;                  // dropping bytes back to the previous '\n' (an unfinished or overlong line)
        bool stop = false;
        while (position > limit && !stop)
        {
            long from = Math.Max(limit, position - BlockBytes);
            int length = (int)(position - from);
            var buffer = new byte[length + carry.Length];
            if (!TryReadExactly(file, buffer.AsSpan(0, length), from)) break;   // shrunk under us: keep what was picked
            carry.CopyTo(buffer, length);
            carry = [];
            position = from;

            int lineEnd = buffer.Length;       // just past the '\n' of the next line to look at
            if (skipping)
            {
                lineEnd = buffer.AsSpan().LastIndexOf((byte)'\n') + 1;
                if (lineEnd == 0) continue;    // all of this block belongs to the line being skipped
                skipping = false;
            }

            ranges.Clear();
            while (lineEnd > 0)
            {
                int start = buffer.AsSpan(0, lineEnd - 1).LastIndexOf((byte)'\n') + 1;
                if (start == 0 && from > 0)
                {
                    if (from == limit) stop = true;   // cut by the limit: its start was not read
                    else if (lineEnd > LineLimits.MaxLineBytes + 1)
                    {
                        stop = judge.Overlong() == Verdict.Stop;
                        skipping = true;
                    }
                    else carry = buffer[..lineEnd];
                    break;
                }
                // Here start == 0 means the file's first line: a BOM there is not text.
                int text = start == 0 && buffer.AsSpan(0, lineEnd).StartsWith("\uFEFF"u8) ? 3 : start;
                var verdict = judge.Look(buffer.AsSpan(text, lineEnd - 1 - text));
                if (verdict == Verdict.Stop)
                {
                    stop = true;
                    break;
                }
                if (verdict == Verdict.Pick) ranges.Add(text..lineEnd);
                lineEnd = start;
            }
            if (ranges.Count > 0) picked.Add(Concatenate(buffer, ranges));
        }
        picked.Reverse();
        return (picked, judge.Picked);
    }

    // The picked lines of one block, in file order, in one buffer.
    private static byte[] Concatenate(byte[] buffer, List<Range> newestFirst)
    {
        int total = 0;
        foreach (var range in newestFirst) total += range.GetOffsetAndLength(buffer.Length).Length;
        var lines = new byte[total];
        int at = 0;
        for (int i = newestFirst.Count - 1; i >= 0; i--)
        {
            var line = buffer.AsSpan(newestFirst[i]);
            line.CopyTo(lines.AsSpan(at));
            at += line.Length;
        }
        return lines;
    }

    private static bool TryReadExactly(SafeFileHandle file, Span<byte> into, long offset) =>
        FileReads.Fully(file, into, offset) == into.Length;

    private enum Verdict { Skip, Pick, Stop }

    /// <summary>The rules above, line by line, newest first.</summary>
    private sealed class Judge(ILogLineParser parser, long nowSecond, int windowSeconds)
    {
        private readonly long _oldest = nowSecond - windowSeconds + 1;
        private readonly long _newest = nowSecond + ClockSkewSeconds;
        private readonly long _stopBefore = nowSecond - windowSeconds + 1 - DisorderSlackSeconds;
        private int _invalidInARow;

        public long Picked { get; private set; }

        public Verdict Look(ReadOnlySpan<byte> line)
        {
            if (!ParsedLines.TryParseLine(parser, line, lineNumber: 0, out var parsed)) return Verdict.Skip;   // blank, directive
            if (parsed.Kind != LineKind.Record) return Invalid();
            _invalidInARow = 0;
            long second = parsed.Record.Second;
            if (second < _stopBefore) return Verdict.Stop;
            if (second < _oldest || second > _newest) return Verdict.Skip;
            Picked++;
            return Verdict.Pick;
        }

        public Verdict Overlong() => Invalid();

        private Verdict Invalid() => ++_invalidInARow >= MaxInvalidInARow ? Verdict.Stop : Verdict.Skip;
    }
}

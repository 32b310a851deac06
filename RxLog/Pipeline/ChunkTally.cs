using System.Runtime.CompilerServices;
using RxLog.Aggregation;
using RxLog.Parsing;
using RxLog.Sources;

namespace RxLog.Pipeline;

/// <summary><c>check</c>'s parsing work per chunk, done on the parsing workers: parses every line and counts the
/// records ahead into runs (<see cref="LineKind.Hits"/>), one per second of the clock, with one
/// <see cref="TrafficAccumulator"/> per report interval, so the thread that owns the clock does per-second work only.</summary>
/// <remarks>
/// <para>Exact, whatever the clock was before the chunk (this worker cannot know it): the clock is the newest record
/// time so far, and a record older than it counts in the clock's second (CONTRACT.md), so a record counts in
/// <c>max(clock before the chunk, newest record of the chunk up to it)</c>. A run is keyed by the second part, and the
/// consumer takes the max with its clock, as it does for a record. A run's interval tally lands in one report: the
/// runs of one interval either all count in their own seconds or all in a later clock second of one interval.</para>
/// <para>Kept as lines (not counted ahead), so that <see cref="LogTimeReplay"/> decides them as it always does:
/// the chunk's first record (it may be far ahead of the clock: a spike to hold), invalid lines before the first run,
/// and every line from the first record that jumps more than <see cref="LogTimeReplay.SpikeSeconds"/> from the newest
/// time onward. Without such a jump no run can be a spike: each follows a record within a day of it.</para>
/// Reports equal those of counting line by line while an interval holds at most the exact cap of sections and
/// clients; past it, Space-Saving sees each run's keys as weighted hits, so counts stay within the same bounds, and
/// equal across thread counts because chunks are cut the same way.
/// </remarks>
public static class ChunkTally
{
    /// <summary>The worker's function for report intervals of <paramref name="intervalSeconds"/> (aligned as
    /// <see cref="ReportInterval.StartOf"/> aligns them).</summary>
    /// <param name="ruleScopes">When rules look at each record: makes the matchers a worker counts with (they are
    /// not shared between workers); each run then carries its counts for them.</param>
    public static ChunkParser For(int intervalSeconds, Func<RuleScopes?>? ruleScopes = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(intervalSeconds, 1);
        // One set of matchers per worker thread, kept from chunk to chunk: they remember what each section and client
        // matched.
        var scopesOfThread = ruleScopes is null ? null : new ThreadLocal<RuleScopes?>(ruleScopes);
        return (LineChunk chunk, ILogLineParser parser, ref ParsedLine[] buffer, out int lines) =>
            Tally(chunk, parser, intervalSeconds, ref buffer, out lines, scopesOfThread?.Value);
    }

    /// <summary>Parses <paramref name="chunk"/> into <paramref name="buffer"/> (lines, and runs standing for the
    /// lines they counted); returns how many entries it wrote, at most one per line, and in <paramref name="lines"/>
    /// how many lines the chunk held.</summary>
    [MethodImpl(HotPath.FullyOptimized)]
    public static int Tally(LineChunk chunk, ILogLineParser parser, int intervalSeconds, ref ParsedLine[] buffer,
        out int lines, RuleScopes? rules = null)
    {
        int count = 0;
        lines = 0;
        // A parser that says where it interned each record's section and client has them counted by entry, and
        // drained into the interval's tally when it closes (or when an entry is refused): an array index per hit
        // instead of two hash lookups.
        var keys = parser as IInternedKeys;
        var byEntry = keys is null ? null : KeyCounts.OfThisThread();
        bool seenRecord = false, asLines = false;
        long newest = 0;                    // newest record time since the chunk's first record
        long newestInterval = 0;            // start of the report interval holding `newest`
        TrafficAccumulator? tally = null;   // the open interval's, once a run was opened
        long tallyStart = 0;
        int tallyRun = -1;                  // the run that opened it
        int run = -1, runHits = 0;          // the open run: its entry, and its hits so far
        RuleTally? runRules = null;         // the open run's counts for the rules that look at each record

        foreach (var numbered in chunk.EachLine())
        {
            lines++;
            ReadOnlySpan<byte> line = numbered.Text;
            long lineNumber = numbered.Number;
            bool isRecord, nonBlank = true;
            LogRecord record;
            ParsedLine other = default;
            try
            {
                isRecord = ParsedLines.TryParseRecord(parser, line, lineNumber, out record);
                if (!isRecord) nonBlank = ParsedLines.TryParseOther(parser, line, lineNumber, out other);
            }
            catch (Exception error)
            {
                throw new ParsedLines.ParserFailedException(error);
            }

            if (nonBlank)
            {
                if (asLines || !seenRecord || (!isRecord && tally is null))
                {
                    ParsedLines.Append(ref buffer, ref count, isRecord ? ParsedLine.Hit(record, lineNumber) : other);
                    if (isRecord && !seenRecord)
                    {
                        seenRecord = true;
                        newest = record.Second;
                        newestInterval = IntervalStart(newest, intervalSeconds);
                    }
                }
                else if (!isRecord)
                {
                    tally!.AddInvalidLine(other.InvalidText);
                }
                else
                {
                    long second = record.Second;
                    if (second > newest + LogTimeReplay.SpikeSeconds || second < newest - LogTimeReplay.SpikeSeconds)
                    {
                        // A jump of more than a day: maybe a spike, maybe the end of one. LogTimeReplay decides.
                        CloseRun(buffer, run, runHits, runRules);
                        run = -1;
                        asLines = true;
                        ParsedLines.Append(ref buffer, ref count, ParsedLine.Hit(record, lineNumber));
                    }
                    else
                    {
                        if (second > newest)
                        {
                            // Once per log second, not per line: two 64-bit divisions cost as much as a quarter of the tally.
                            newest = second;
                            newestInterval = IntervalStart(newest, intervalSeconds);
                        }
                        long start = newestInterval;
                        if (tally is null || start != tallyStart || buffer[run].Record.Second != newest)
                        {
                            CloseRun(buffer, run, runHits, runRules);
                            runRules = rules?.NewTally();
                            TrafficAccumulator? fresh = null;
                            if (tally is null || start != tallyStart)
                            {
                                if (tally is not null) CloseInterval(buffer, tallyRun, tally, byEntry);
                                tally = fresh = RunTallies.Take();
                                tallyStart = start;
                                tallyRun = count;
                            }
                            run = count;
                            runHits = 0;
                            ParsedLines.Append(ref buffer, ref count, ParsedLine.Run(record, newest, lineNumber, 0, fresh));
                        }
                        runHits++;
                        if (byEntry is null)
                        {
                            tally!.Add(record);
                            if (runRules is not null) rules!.Count(record, chunk.Origin, runRules);
                        }
                        else
                        {
                            var entries = keys!.LastEntries;
                            byEntry.Add(tally!, record, entries);
                            if (runRules is not null) rules!.Count(record, entries, chunk.Origin, runRules);
                        }
                    }
                }
            }
        }

        CloseRun(buffer, run, runHits, runRules);
        if (tally is not null) CloseInterval(buffer, tallyRun, tally, byEntry);
        return count;
    }

    // The interval's part of the chunk is counted. A part of one record and nothing else (a quiet log: each line in a
    // report of its own) goes on as that record's line, dated like its run, and its tally goes back at once: counted on
    // the clock's thread into the interval's own tally, it costs less than a tally of its own handed through.
    private static void CloseInterval(ParsedLine[] buffer, int tallyRun, TrafficAccumulator tally, KeyCounts? byEntry)
    {
        if (tally.Hits == 1 && tally.Invalid == 0)
        {
            ref var run = ref buffer[tallyRun];
            run = ParsedLine.Hit(run.Record, run.LineNumber);
            byEntry?.Forget();
            RunTallies.GiveBack(tally);
        }
        else byEntry?.DrainInto(tally);
    }

    // Aligned as ReportInterval.StartOf aligns intervals (negative seconds included), inlined: it runs per log second.
    private static long IntervalStart(long second, int intervalSeconds) =>
        second - (((second % intervalSeconds) + intervalSeconds) % intervalSeconds);

    // A worker's sections and clients counted by intern entry, for the interval being counted. One per thread: a
    // worker counts one chunk at a time, and every chunk drains it before it ends (or clears it as it starts, after a
    // chunk that failed).
    private sealed class KeyCounts
    {
        [ThreadStatic] private static KeyCounts? _ofThisThread;

        private readonly InternedKeyCounts _sections = new();
        private readonly InternedKeyCounts _clients = new();

        public static KeyCounts OfThisThread()
        {
            var counts = _ofThisThread ??= new KeyCounts();
            counts._sections.Clear();
            counts._clients.Clear();
            return counts;
        }

        [MethodImpl(HotPath.FullyOptimized)]
        public void Add(TrafficAccumulator tally, in LogRecord record, InternedEntries entries)
        {
            tally.AddAllButKeys(record);
            // Refused when the entry holds another string (the parser's table started over since): drain, count again.
            if (record.Section is { } section && !_sections.TryAdd(entries.Section, section, record.Bytes))
            {
                tally.AddSections(_sections);
                _sections.TryAdd(entries.Section, section, record.Bytes);
            }

            if (record.Client is { } client && !_clients.TryAdd(entries.Client, client, record.Bytes))
            {
                tally.AddClients(_clients);
                _clients.TryAdd(entries.Client, client, record.Bytes);
            }
        }

        /// <summary>Drops what was counted for the interval (its one record goes on as a line).</summary>
        public void Forget()
        {
            _sections.Clear();
            _clients.Clear();
        }

        public void DrainInto(TrafficAccumulator tally)
        {
            tally.AddSections(_sections);
            tally.AddClients(_clients);
        }
    }

    private static void CloseRun(ParsedLine[] buffer, int run, int hits, RuleTally? rules)
    {
        if (run >= 0) buffer[run] = buffer[run] with { Hits = hits, Detail = rules };
    }
}

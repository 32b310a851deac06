using RxLog.Aggregation;

namespace RxLog.Parsing;

/// <summary>One non-blank input line after parsing: a record, or an invalid line with its text kept for showing; or,
/// where a parsing worker counted ahead (<see cref="LineKind.Hits"/>), a run of lines counted as one.</summary>
/// <param name="Kind">Record, invalid, or a run of hits.</param>
/// <param name="Record">The record; default for an invalid line. For a run: the first record of the run, with
/// <see cref="LogRecord.Second"/> the second every hit of the run counts in.</param>
/// <param name="LineNumber">1-based line number in its source (of the run's first record).</param>
/// <param name="Detail">For an invalid line: its text (<see cref="InvalidText"/>). For a run, when rules look at each
/// record: the run's counts for them (<see cref="Rules"/>). One field for both, so a line stays 80 bytes and a buffer of
/// 1,024 of them stays off the large-object heap.</param>
/// <param name="Hits">For a run: the hits it stands for (at least 1); 0 otherwise.</param>
/// <param name="Tally">For the first run of a report interval in a chunk: everything the lines from that run up to the
/// next interval's first run counted (their hits, sections, clients, status, bytes, response times, invalid lines).
/// The consumer adds it to the interval the run lands in; null otherwise.</param>
/// <remarks>Runs exist so that the thread that owns the clock does per-second and per-interval work, not per-line
/// work: <c>Pipeline/ChunkTally</c> builds them on the parsing workers. A layering exception: the tally is the
/// Aggregation stage's <see cref="TrafficAccumulator"/>, carried through here because the workers count as they parse.</remarks>
public readonly record struct ParsedLine(LineKind Kind, LogRecord Record, long LineNumber, object? Detail,
    int Hits = 0, TrafficAccumulator? Tally = null)
{
    /// <summary>The invalid line decoded lossily (U+FFFD for bad UTF-8), at most 64 KiB; null for records and runs.</summary>
    public string? InvalidText => Detail as string;

    /// <summary>For a run, when rules look at each record: its counts for them; null otherwise.</summary>
    public RuleTally? Rules => Detail as RuleTally;

    /// <summary>A record or a run of hits: something that counts at a time.</summary>
    public bool IsTimed => Kind != LineKind.Invalid;

    public static ParsedLine Hit(in LogRecord record, long lineNumber) => new(LineKind.Record, record, lineNumber, null);
    public static ParsedLine Invalid(string text, long lineNumber) => new(LineKind.Invalid, default, lineNumber, text);

    /// <summary>A run of <paramref name="hits"/> hits in <paramref name="second"/>, starting with <paramref name="first"/>.</summary>
    public static ParsedLine Run(in LogRecord first, long second, long lineNumber, int hits, TrafficAccumulator? tally) =>
        new(LineKind.Hits, first with { Second = second }, lineNumber, null, hits, tally);
}

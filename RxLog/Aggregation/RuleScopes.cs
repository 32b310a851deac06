using System.Numerics;
using System.Runtime.CompilerServices;
using RxLog.Parsing;

namespace RxLog.Aggregation;

/// <summary>The scopes of every rule that must look at each record, in slots: one pass over a record counts it for all
/// of them (CONTRACT.md "Rules": a scope chooses which hits a rule counts, never the time). One per counting thread.</summary>
/// <remarks>A record's slots are the AND of four bit masks: which slots its status admits (a table by code), which
/// its section admits, which its client admits and which its source admits. The section and client masks are worked out
/// once per distinct string, not once per record: by intern entry when the parser says where it interned them (an
/// array index per record, whatever the number of rules), else for the last string instance seen; the source's once per
/// batch of lines. Past 64 slots, each matcher tests each record.</remarks>
public sealed class RuleScopes
{
    private const int MaxMaskedSlots = 64;

    private readonly RuleScopeMatcher?[] _matchers;   // null: every hit (an unscoped latency rule)
    private readonly bool[] _timed;
    private readonly bool _masked;
    private readonly ulong[] _statusMask = new ulong[600];   // by status code; codes outside 0–599 use _noStatusMask
    private readonly ulong _noStatusMask;                     // slots without a status condition
    private readonly KeyMasks _sections;
    private readonly KeyMasks _clients;
    private readonly KeyMasks _sources;

    /// <param name="slots">Each slot's scope, and whether it keeps response times.</param>
    public RuleScopes(IReadOnlyList<(RuleScope Scope, bool Timed)> slots)
    {
        _matchers = slots.Select(s => s.Scope.IsAll ? null : s.Scope.Compile()).ToArray();
        _timed = slots.Select(s => s.Timed).ToArray();
        _masked = slots.Count <= MaxMaskedSlots;
        if (!_masked)
        {
            _sections = _clients = _sources = new KeyMasks([], 0);
            return;
        }
        for (int i = 0; i < slots.Count; i++)
        {
            var status = slots[i].Scope.Status;
            if (status is null) _noStatusMask |= 1UL << i;
            for (int code = 0; code < _statusMask.Length; code++)
                if (status is not { } s || s.Matches(code)) _statusMask[code] |= 1UL << i;
        }
        _sections = new KeyMasks(slots.Select(s => s.Scope.Section).ToArray(), slots.Count);
        _clients = new KeyMasks(slots.Select(s => s.Scope.Client).ToArray(), slots.Count);
        _sources = new KeyMasks(slots.Select(s => s.Scope.Source).ToArray(), slots.Count, SourceNames.Matches);
    }

    public int Slots => _matchers.Length;

    public RuleTally NewTally() => new(_matchers.Length, _timed);

    /// <summary>Counts <paramref name="record"/>, read from <paramref name="source"/> (<c>LineChunk.Origin</c>; null
    /// when unknown), in every slot whose scope it matches.</summary>
    public void Count(in LogRecord record, string? source, RuleTally tally) =>
        Count(record, NotInterned, source, tally);

    // A parser that does not say where it interned keys: masks are remembered for the last string instance only.
    private static readonly InternedEntries NotInterned = new(-1, -1);

    /// <summary>Counts <paramref name="record"/>, whose section and client were interned at <paramref name="entries"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Count(in LogRecord record, InternedEntries entries, string? source, RuleTally tally)
    {
        if (!_masked)
        {
            CountEach(record, source, tally);
            return;
        }
        ulong slots = StatusMask(record.Status)
                      & _sections.Of(record.Section, entries.Section)
                      & _clients.Of(record.Client, entries.Client)
                      & _sources.Of(source);
        Add(record, slots, tally);
    }

    private ulong StatusMask(int status) => (uint)status < (uint)_statusMask.Length ? _statusMask[status] : _noStatusMask;

    private static void Add(in LogRecord record, ulong slots, RuleTally tally)
    {
        var hits = tally.Hits;
        while (slots != 0)
        {
            int i = BitOperations.TrailingZeroCount(slots);
            slots &= slots - 1;
            hits[i]++;
            if (record.HasDuration) tally.Times[i]?.Add(record.DurationMicros);
        }
    }

    private void CountEach(in LogRecord record, string? source, RuleTally tally)
    {
        for (int i = 0; i < _matchers.Length; i++)
        {
            if (_matchers[i] is { } matcher && !matcher.Matches(record, source)) continue;
            tally.Hits[i]++;
            if (record.HasDuration) tally.Times[i]?.Add(record.DurationMicros);
        }
    }

    // The slots one key (a section, a client or a source) admits: every slot without a condition on it, and those whose
    // pattern it matches. Remembered per intern entry (with the string, since an entry stands for another one once
    // its table starts over) and for the last string instance.
    private sealed class KeyMasks
    {
        private readonly (string Pattern, ulong Bit)[] _patterns;
        private readonly Func<string, string, bool> _matches;
        private readonly ulong _unconditioned;   // slots that admit any key, a missing one included
        private string?[] _entryKeys = [];
        private ulong[] _entryMasks = [];
        private string? _lastKey;
        private ulong _lastMask;

        public KeyMasks(string?[] patterns, int slots, Func<string, string, bool>? matches = null)
        {
            _matches = matches ?? Glob.MatchesOrEquals;
            _patterns = patterns.Select((p, i) => (p!, 1UL << i)).Where((_, i) => patterns[i] is not null).ToArray();
            for (int i = 0; i < slots; i++)
                if (patterns[i] is null) _unconditioned |= 1UL << i;
        }

        public ulong Of(string? key)
        {
            if (_patterns.Length == 0 || key is null) return _unconditioned;
            if (!ReferenceEquals(key, _lastKey))
            {
                _lastMask = MaskOf(key);
                _lastKey = key;
            }
            return _lastMask;
        }

        public ulong Of(string? key, int entry)
        {
            if (_patterns.Length == 0 || key is null) return _unconditioned;
            if ((uint)entry < (uint)_entryKeys.Length && ReferenceEquals(_entryKeys[entry], key)) return _entryMasks[entry];
            if (entry < 0) return Of(key);
            if (entry >= _entryKeys.Length)
            {
                int size = Math.Max(64, (int)BitOperations.RoundUpToPowerOf2((uint)entry + 1));
                Array.Resize(ref _entryKeys, size);
                Array.Resize(ref _entryMasks, size);
            }
            _entryKeys[entry] = key;
            return _entryMasks[entry] = MaskOf(key);
        }

        private ulong MaskOf(string key)
        {
            ulong mask = _unconditioned;
            foreach (var (pattern, bit) in _patterns)
                if (_matches(pattern, key)) mask |= bit;
            return mask;
        }
    }
}

using RxLog.Parsing;

namespace RxLog.Aggregation;

/// <summary>Which hits a rule counts (CONTRACT.md "Rules"): any combination of a section (exact, or a glob with
/// <c>*</c> and <c>?</c>), a status (a code like <c>404</c> or a class like <c>5xx</c>), a client (exact or glob) and
/// a source (the file the line was read from, exact or glob). No condition: every hit. Pure.</summary>
/// <param name="Section">Exact section, or a glob when it holds <c>*</c> or <c>?</c>; null for any.</param>
/// <param name="Status">A code (100–599) or a class (1–5, written <c>5xx</c>); null for any.</param>
/// <param name="Client">Exact client, or a glob; null for any.</param>
/// <param name="Source">Exact source, or a glob: a file's path as rxlog names it (the argument, or a pattern's match)
/// or as an absolute path; <c>-</c> for stdin. Null for any.</param>
public sealed record RuleScope(string? Section = null, StatusMatch? Status = null, string? Client = null,
    string? Source = null)
{
    /// <summary>Every hit.</summary>
    public static readonly RuleScope All = new();

    /// <summary>True when the scope names no condition: the rule counts every hit, with no work per record.</summary>
    public bool IsAll => Section is null && Status is null && Client is null && Source is null;

    /// <summary>A compiled matcher for this scope. Globs are matched once per distinct string instance seen last
    /// (parsers hand on interned sections and clients, so a run of equal keys costs one compare each).</summary>
    public RuleScopeMatcher Compile() => new(this);

    /// <summary>The scope in words, for <c>rxlog rules check</c>: <c>section /api*, status 5xx</c>; <c>every hit</c>.</summary>
    public string Describe()
    {
        var parts = new List<string>(4);
        if (Section is not null) parts.Add((Glob.IsGlob(Section) ? "sections matching " : "section ") + Section);
        if (Status is { } status) parts.Add("status " + status);
        if (Client is not null) parts.Add((Glob.IsGlob(Client) ? "clients matching " : "client ") + Client);
        if (Source is not null) parts.Add((Glob.IsGlob(Source) ? "sources matching " : "source ") + Source);
        return parts.Count == 0 ? "every hit" : string.Join(", ", parts);
    }
}

/// <summary>A status condition: one code, or a class (<c>Class</c> 1–5, every code <c>Class·100</c> to <c>Class·100 + 99</c>).</summary>
public readonly record struct StatusMatch(int Value, bool IsClass)
{
    public bool Matches(int status) => IsClass ? status / 100 == Value : status == Value;

    public override string ToString() => IsClass ? Value + "xx" : Value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary><c>404</c>, <c>5xx</c> (case-insensitive); false for anything else.</summary>
    public static bool TryParse(string text, out StatusMatch match)
    {
        match = default;
        var s = text.Trim();
        if (s.Length == 3 && s[0] is >= '1' and <= '5' && s[1..].Equals("xx", StringComparison.OrdinalIgnoreCase))
        {
            match = new StatusMatch(s[0] - '0', IsClass: true);
            return true;
        }
        if (s.Length == 3 && s.All(char.IsAsciiDigit) && s[0] is >= '1' and <= '5')
        {
            match = new StatusMatch(int.Parse(s, System.Globalization.CultureInfo.InvariantCulture), IsClass: false);
            return true;
        }
        return false;
    }
}

/// <summary>A <see cref="RuleScope"/> ready to test records; not thread-safe (one per counting thread).</summary>
public sealed class RuleScopeMatcher
{
    private readonly KeyMatcher? _section;
    private readonly StatusMatch? _status;
    private readonly KeyMatcher? _client;
    private readonly KeyMatcher? _source;

    internal RuleScopeMatcher(RuleScope scope)
    {
        _section = scope.Section is { } section ? new KeyMatcher(section) : null;
        _status = scope.Status;
        _client = scope.Client is { } client ? new KeyMatcher(client) : null;
        _source = scope.Source is { } source ? new KeyMatcher(source, SourceNames.Matches) : null;
    }

    /// <param name="source">Where the record was read (<c>LineChunk.Origin</c>); null when unknown.</param>
    public bool Matches(in LogRecord record, string? source) =>
        (_status is not { } status || status.Matches(record.Status))
        && (_section is null || _section.Matches(record.Section))
        && (_client is null || _client.Matches(record.Client))
        && (_source is null || _source.Matches(source));

    // Exact or glob; remembers the last string instance tested and its answer.
    private sealed class KeyMatcher(string pattern, Func<string, string, bool>? matches = null)
    {
        private readonly Func<string, string, bool> _matches = matches ?? Glob.MatchesOrEquals;
        private string? _last;
        private bool _lastMatched;

        public bool Matches(string? key)
        {
            if (key is null) return false;
            if (ReferenceEquals(key, _last)) return _lastMatched;
            bool matched = _matches(pattern, key);
            _last = key;
            _lastMatched = matched;
            return matched;
        }
    }
}

/// <summary>Shell-style globs over whole strings: <c>*</c> any run of characters (<c>/</c> included), <c>?</c> one
/// character as a user sees one in a path: a Unicode code point (<c>😀</c>, two UTF-16 units, is one). Ordinal, no
/// character classes: sections are paths as written, and a class like <c>[a-z]</c> would clash with IPv6 clients.</summary>
public static class Glob
{
    public static bool IsGlob(string pattern) => pattern.AsSpan().IndexOfAny('*', '?') >= 0;

    /// <summary>A glob's match, or an exact pattern's ordinal equality.</summary>
    public static bool MatchesOrEquals(string pattern, string text) =>
        IsGlob(pattern) ? Matches(pattern, text) : string.Equals(pattern, text, StringComparison.Ordinal);

    /// <summary>Iterative matching with one backtrack point: linear in practice, never exponential.</summary>
    public static bool Matches(string pattern, string text)
    {
        int p = 0, t = 0, star = -1, resume = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                resume = t;
            }
            else if (p < pattern.Length && pattern[p] == '?')
            {
                p++;
                t += CharLength(text, t);
            }
            else if (p < pattern.Length && pattern[p] == text[t])
            {
                p++;
                t++;
            }
            else if (star >= 0)
            {
                p = star + 1;
                resume += CharLength(text, resume);
                t = resume;
            }
            else return false;
        }
        while (p < pattern.Length && pattern[p] == '*') p++;
        return p == pattern.Length;
    }

    // UTF-16 units of the code point at text[i]: 2 for a surrogate pair, else 1 (a lone surrogate is one character).
    private static int CharLength(string text, int i) =>
        char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
}

/// <summary>How a <c>source</c> scope names where lines were read: the path as rxlog names it (the argument, or a
/// pattern's match) or its absolute path, so <c>source: /var/log/nginx/api.log</c> holds whether rxlog was started with
/// that path or from that directory; stdin is <c>-</c>.</summary>
public static class SourceNames
{
    public static bool Matches(string pattern, string source)
    {
        if (Glob.MatchesOrEquals(pattern, source)) return true;
        if (source == "-") return false;
        try
        {
            string full = Path.GetFullPath(source);
            return full != source && Glob.MatchesOrEquals(pattern, full);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return false;
        }
    }
}

namespace RxLog.Parsing.Templates;

/// <summary>Parsing stage: a compiled <c>--log-format</c> (nginx <c>log_format</c> or Apache <c>LogFormat</c>)
/// matched against each line's bytes, step by step.</summary>
/// <remarks>
/// Literal text must match exactly. A self-delimiting field (status, bytes, times, durations) ends where its syntax
/// ends. A word field (addresses, users, path) ends at the next occurrence of the following literal and may not be
/// empty or contain a space. A free-text field (request, headers, unknown variables) ends at the next occurrence of
/// the following literal too (skipping <c>\"</c> and <c>\\</c> when that literal starts with a quote), and when the
/// rest of the line then fails to match, the next occurrence is tried: so an unescaped quote inside a request is
/// handled as <see cref="CommonLogParser"/> does. Tries are bounded per line (<see cref="MaxTries"/>), so no line
/// costs more than a few passes. A word or free field last in the format takes the rest of the line (a word: up to
/// the first space). Text after the format's end is accepted when it starts with a space or tab (extra fields).
/// Once every field the record needs is read, the rest of the format is optional (see <see cref="Tolerated"/>):
/// like <see cref="CommonLogParser"/>, a Combined format accepts Common lines and lines whose user agent was cut.
/// <para>No allocation per line beyond interning a new section. Not thread-safe: one per pipeline.</para>
/// </remarks>
internal sealed class TemplateParser : ILogLineParser
{
    /// <summary>Most candidate ends tried for free-text fields on one line before it is called invalid.</summary>
    public const int MaxTries = 256;

    private readonly TemplateStep[] _steps;
    private readonly InternTable _sections;
    private readonly InternTable _clients = new();
    private readonly int _lastNeeded;           // index of the last step the record needs (time, status, bytes…)
    private readonly byte[]? _afterNeeded;      // the literal right after it, if any

    public TemplateParser(string formatName, TemplateStep[] steps, InternTable sections)
    {
        FormatName = formatName;
        _steps = steps;
        _sections = sections;
        _lastNeeded = Array.FindLastIndex(steps, s => !s.IsLiteral && s.Field is not (FieldKind.Skip or FieldKind.Token or FieldKind.Client));
        _afterNeeded = _lastNeeded + 1 < steps.Length ? steps[_lastNeeded + 1].Literal : null;
    }

    public string FormatName { get; }

    public bool TryParse(ReadOnlySpan<byte> line, out LogRecord record)
    {
        record = default;
        if (!line.IsEmpty && line[^1] == (byte)'\r')
        {
            line = line[..^1];
        }

        var state = new LineState { Tries = MaxTries, Duration = LogRecord.NoDuration, PathStart = -1, RequestStart = -1, ClientStart = -1 };
        if (!Match(line, 0, 0, ref state) || !state.Time.TryResolve(out long second, out short offset))
        {
            return false;
        }

        ReadOnlySpan<byte> path = state.PathStart >= 0 ? line[state.PathStart..state.PathEnd]
            : state.RequestStart >= 0 ? Sections.PathOf(line[state.RequestStart..state.RequestEnd])
            : default;
        string? section = Sections.TryMeasure(path, out int length, out bool appendSlash)
            ? _sections.Intern(path[..length], appendSlash)
            : null;
        string? client = state.ClientStart >= 0 ? Clients.Of(line[state.ClientStart..state.ClientEnd], _clients) : null;
        record = new LogRecord(second, offset, section, state.Status, state.Bytes, state.Duration, client);
        return true;
    }

    // Matches steps[step..] against line[pos..]. Recursion happens only at free-text fields, so depth is bounded by
    // the number of steps.
    private bool Match(ReadOnlySpan<byte> line, int step, int pos, ref LineState state)
    {
        for (; step < _steps.Length; step++)
        {
            TemplateStep s = _steps[step];
            if (s.Literal is { } literal)
            {
                if (!line[pos..].StartsWith(literal)) return Tolerated(line, step, ref state);
                pos += literal.Length;
                continue;
            }

            if (s.IsSelfDelimiting)
            {
                if (!FieldReader.TryRead(s, line[pos..], ref state, out int used)) return Tolerated(line, step, ref state);
                pos += used;
            }
            else if (s.Field is FieldKind.Token or FieldKind.Client or FieldKind.Path || s.Terminator is null)
            {
                int end = WordEnd(s, line, pos);
                if (end < 0 || !Take(s, line, pos, end, ref state)) return Tolerated(line, step, ref state);
                pos = end;
            }
            else
            {
                // Free text: try each occurrence of the terminator until the rest of the line matches.
                for (int from = pos; ; from++)
                {
                    int end = --state.Tries < 0 ? -1 : FindTerminator(line, from, s.Terminator, s.QuoteAware);
                    if (end < 0 && step == _lastNeeded && state.Tries >= 0)
                    {
                        end = CutTerminator(line, from, s.Terminator);     // "GET /a HTTP/1.1" then the end of a cut line
                    }

                    if (end < 0) return Tolerated(line, step, ref state);
                    if (step == _lastNeeded) state.NeededEnd = end;
                    if (Take(s, line, pos, end, ref state) && Match(line, step + 1, end, ref state)) return true;
                    from = end;
                }
            }

            if (step == _lastNeeded)
            {
                state.NeededEnd = pos;
            }
        }

        return pos == line.Length || line[pos] == (byte)' ' || line[pos] == (byte)'\t' || Tolerated(line, step, ref state);
    }

    // A mismatch at `step` after every field the record needs was read: the rest of the format is optional, as
    // everything after bytes is for the CLF parser (a Combined format reads Common lines and lines cut short), if the
    // last needed field ended at the end of the line, at a blank, or where the format's next literal begins.
    private bool Tolerated(ReadOnlySpan<byte> line, int step, ref LineState state)
    {
        if (step <= _lastNeeded)
        {
            return false;
        }

        int at = state.NeededEnd;
        return at == line.Length || line[at] == (byte)' ' || line[at] == (byte)'\t'
            || (_afterNeeded is { } literal && line[at] == literal[0]);
    }

    // Where a word (or a last free field) starting at pos ends; -1 when it cannot.
    private static int WordEnd(TemplateStep s, ReadOnlySpan<byte> line, int pos)
    {
        ReadOnlySpan<byte> rest = line[pos..];
        if (s.Terminator is null)
        {
            if (s.Field is not (FieldKind.Token or FieldKind.Client or FieldKind.Path)) return line.Length;
            int space = rest.IndexOfAny((byte)' ', (byte)'\t');
            return space < 0 ? line.Length : pos + space;
        }

        int at = rest.IndexOf(s.Terminator);
        return at < 0 ? -1 : pos + at;
    }

    private static int FindTerminator(ReadOnlySpan<byte> line, int from, byte[] terminator, bool quoteAware)
    {
        if (!quoteAware)
        {
            int at = line[from..].IndexOf(terminator);
            return at < 0 ? -1 : from + at;
        }

        int i = from;
        while (i < line.Length)
        {
            int hit = line[i..].IndexOfAny((byte)'"', (byte)'\\');
            if (hit < 0) return -1;
            i += hit;
            if (line[i] == (byte)'\\')
            {
                i += 2;     // \" \\ and nginx's \x22 (whose "x22" is harmless)
                continue;
            }

            if (line[i..].StartsWith(terminator)) return i;
            i++;
        }

        return -1;
    }

    // Where the line ends with the start of the terminator (at or after `from`), or -1.
    private static int CutTerminator(ReadOnlySpan<byte> line, int from, byte[] terminator)
    {
        for (int k = Math.Min(terminator.Length - 1, line.Length - from); k > 0; k--)
        {
            if (line.EndsWith(terminator.AsSpan(0, k))) return line.Length - k;
        }

        return -1;
    }

    private static bool Take(TemplateStep s, ReadOnlySpan<byte> line, int start, int end, ref LineState state)
    {
        switch (s.Field)
        {
            case FieldKind.Token:
                return end > start && line[start..end].IndexOfAny((byte)' ', (byte)'\t') < 0;
            case FieldKind.Client:
                state.ClientStart = start;
                state.ClientEnd = end;
                return end > start && line[start..end].IndexOfAny((byte)' ', (byte)'\t') < 0;
            case FieldKind.Path:
                state.PathStart = start;
                state.PathEnd = end;
                return end > start && line[start..end].IndexOfAny((byte)' ', (byte)'\t') < 0;
            case FieldKind.Request:
                state.RequestStart = start;
                state.RequestEnd = end;
                return true;
            default:
                return true;
        }
    }
}

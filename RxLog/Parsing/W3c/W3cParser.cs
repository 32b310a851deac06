using System.Text;

namespace RxLog.Parsing.W3c;

/// <summary>Parsing stage: the W3C extended log file format (IIS, HTTP.sys, IIS Advanced Logging, Oracle Web Cache,
/// Incapsula…): <c>#Fields:</c> names the columns, then one space-separated line per request.</summary>
/// <remarks>
/// Stateful: a <c>#Fields:</c> directive (re)defines the columns, and may change mid-file; <c>#Date:</c> (or
/// <c>#Start-Date:</c>) gives the date for logs without a <c>date</c> column (IIS FTP; see
/// <see cref="W3cDirectiveDate"/> for midnight). Every <c>#</c> line is a directive, ignored like a blank line, even
/// a misspelt one (<c>#Verson:</c>). Because of that state, lines must reach one instance in file order: this
/// parser cannot parse chunks of a file independently.
/// <para>Values are separated by runs of spaces and tabs. A value may be double-quoted, with spaces inside and
/// <c>""</c> for a quote (IIS Advanced Logging, Incapsula, Oracle); <c>-</c> and <c>""</c> are empty. Read:
/// <c>date</c> and <c>time</c> (UTC, a fraction of a second is dropped), else <c>date-local</c> and
/// <c>time-local</c>, which are taken as UTC too (the log does not say its offset, and IIS writes UTC in its own
/// columns); <c>cs-uri-stem</c>, else <c>cs-uri</c> (its query is cut off) for the section; <c>sc-status</c>;
/// <c>sc-bytes</c> or <c>bytes</c> (missing or empty: 0); <c>time-taken</c> or <c>TimeTakenMS</c> as milliseconds,
/// the IIS unit, unless written with a decimal point (<c>0.082</c>), which is seconds as the W3C draft and
/// CloudFront have it; <c>c-ip</c> for the client. Every other column is skipped.</para>
/// <para>Invalid: a data line before any <c>#Fields:</c>, a line with more or fewer values than fields, no date,
/// a bad time, a missing or bad status, an unterminated quote, bad bytes. Never throws.</para>
/// In steady state nothing is allocated per line: dates are cached, sections interned. Not thread-safe.
/// </remarks>
public sealed class W3cParser : ILogLineParser
{
    private readonly InternTable _sections;
    private readonly InternTable _clients = new();
    private readonly W3cFields _fields = new();

    // The date of the previous data line and what it parsed to: IIS files hold one day, so nearly every line
    // repeats it. Guarded by: single-threaded use.
    private readonly byte[] _lastDate = new byte[11];
    private int _lastDateLength;       // 0: no date yet (a date value is never empty here)
    private long _lastDayStart;

    // From #Date: / #Start-Date:, for layouts without a date column.
    private readonly W3cDirectiveDate _directiveDate = new();

    // A path with "" inside quotes, unescaped for the section. Grows to the longest such path.
    private byte[] _scratch = new byte[256];

    /// <summary>Creates a parser with its own section table.</summary>
    public W3cParser()
        : this(new InternTable())
    {
    }

    /// <summary>Creates a parser interning sections into <paramref name="sections"/>.</summary>
    public W3cParser(InternTable sections) => _sections = sections;

    /// <inheritdoc />
    public string FormatName => "W3C extended";

    /// <summary>True for a line that opens a W3C log: <c>#Software:</c>, <c>#Version:</c>, <c>#Fields:</c>,
    /// <c>#Date:</c>, <c>#Start-Date:</c> or <c>#Remark:</c>, any case, after an optional UTF-8 byte order mark.</summary>
    public static bool LooksLikeW3c(ReadOnlySpan<byte> line)
    {
        if (line.StartsWith("\uFEFF"u8))
        {
            line = line[3..];
        }

        int colon = line.IndexOf((byte)':');
        if (colon < 2 || line[0] != (byte)'#')
        {
            return false;
        }

        ReadOnlySpan<byte> name = line[1..colon];
        return Ascii.EqualsIgnoreCase(name, "Software"u8) || Ascii.EqualsIgnoreCase(name, "Version"u8)
            || Ascii.EqualsIgnoreCase(name, "Fields"u8) || Ascii.EqualsIgnoreCase(name, "Date"u8)
            || Ascii.EqualsIgnoreCase(name, "Start-Date"u8) || Ascii.EqualsIgnoreCase(name, "Remark"u8);
    }

    /// <inheritdoc />
    public bool TryParse(ReadOnlySpan<byte> line, out LogRecord record)
    {
        record = default;
        if (!line.IsEmpty && line[^1] == (byte)'\r')
        {
            line = line[..^1];
        }

        if (line.IsEmpty)
        {
            return false;
        }

        if (line[0] == (byte)'#')
        {
            ReadDirective(line);
            return false;
        }

        return _fields.Count > 0 && TryParseData(line, out record);
    }

    /// <summary>Every line starting with <c>#</c> is a directive, known or not.</summary>
    public bool IsDirective(ReadOnlySpan<byte> line) => !line.IsEmpty && line[0] == (byte)'#';

    private void ReadDirective(ReadOnlySpan<byte> line)
    {
        int colon = line.IndexOf((byte)':');
        if (colon < 0)
        {
            return;
        }

        ReadOnlySpan<byte> name = line[1..colon];
        ReadOnlySpan<byte> value = line[(colon + 1)..];
        if (Ascii.EqualsIgnoreCase(name, "Fields"u8))
        {
            _fields.Define(value);
        }
        else if (Ascii.EqualsIgnoreCase(name, "Date"u8) || Ascii.EqualsIgnoreCase(name, "Start-Date"u8))
        {
            _directiveDate.Set(value);
        }
    }

    private bool TryParseData(ReadOnlySpan<byte> line, out LogRecord record)
    {
        record = default;
        ReadOnlySpan<byte> date = default, time = default, path = default, status = default, bytes = default, duration = default,
            client = default;
        bool pathEscaped = false;
        int count = 0;
        int i = 0;
        while (true)
        {
            int next = line[i..].IndexOfAnyExcept((byte)' ', (byte)'\t');
            if (next < 0)
            {
                break;
            }

            if (count == _fields.Count)
            {
                return false;   // more values than fields
            }

            i += next;
            ReadOnlySpan<byte> value;
            bool escaped = false;
            if (line[i] == (byte)'"')
            {
                int close = W3cValues.ClosingQuote(line, i + 1, out escaped);
                if (close < 0)
                {
                    return false;
                }

                value = line[(i + 1)..close];
                i = close + 1;
            }
            else
            {
                int end = line[i..].IndexOfAny((byte)' ', (byte)'\t');
                end = end < 0 ? line.Length : i + end;
                value = line[i..end];
                i = end;
            }

            switch (_fields[count])
            {
                case W3cColumn.Date: date = value; break;
                case W3cColumn.Time: time = value; break;
                case W3cColumn.Path: path = value; pathEscaped = escaped; break;
                case W3cColumn.Status: status = value; break;
                case W3cColumn.Bytes: bytes = value; break;
                case W3cColumn.Duration: duration = value; break;
                case W3cColumn.Client: client = value; break;
            }

            count++;
        }

        if (count != _fields.Count
            || !W3cTime.TryParseTimeOfDay(time, out int timeOfDay)
            || !TryDay(date, timeOfDay, out long dayStart)
            || !W3cValues.TryParseStatus(status, out short code)
            || !W3cValues.TryParseBytes(bytes, out long size))
        {
            return false;
        }

        record = new LogRecord(dayStart + timeOfDay, 0, SectionOf(path, pathEscaped), code, size, W3cValues.DurationOf(duration),
            Clients.Of(client, _clients));
        return true;
    }

    // The day of a data line: its date column (cached per distinct date), else the #Date directive's.
    private bool TryDay(ReadOnlySpan<byte> date, int timeOfDay, out long dayStart)
    {
        if (W3cValues.IsEmpty(date))
        {
            return _directiveDate.TryDayOf(timeOfDay, out dayStart);
        }

        if (date.SequenceEqual(_lastDate.AsSpan(0, _lastDateLength)))
        {
            dayStart = _lastDayStart;
            return true;
        }

        if (!W3cTime.TryParseDate(date, out dayStart))
        {
            return false;
        }

        date.CopyTo(_lastDate);     // a date that parsed has at most 11 bytes
        _lastDateLength = date.Length;
        _lastDayStart = dayStart;
        return true;
    }

    private string? SectionOf(ReadOnlySpan<byte> path, bool escaped)
    {
        if (escaped)
        {
            path = Unescape(path);
        }

        return !W3cValues.IsEmpty(path) && Sections.TryMeasure(path, out int length, out bool appendSlash)
            ? _sections.Intern(path[..length], appendSlash)
            : null;
    }

    // A quoted value with each "" turned into ", in the scratch buffer.
    private ReadOnlySpan<byte> Unescape(ReadOnlySpan<byte> value)
    {
        if (_scratch.Length < value.Length)
        {
            _scratch = new byte[value.Length];
        }

        int length = 0;
        for (int i = 0; i < value.Length; i++)
        {
            _scratch[length++] = value[i];
            if (value[i] == (byte)'"' && i + 1 < value.Length && value[i + 1] == (byte)'"')
            {
                i++;
            }
        }

        return _scratch.AsSpan(0, length);
    }
}

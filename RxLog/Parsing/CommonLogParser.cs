using System.Runtime.CompilerServices;
namespace RxLog.Parsing;

/// <summary>Parsing stage: Common and Combined Log Format, <c>host ident authuser [time] "request" status bytes …</c>,
/// read straight from UTF-8 bytes (CONTRACT.md "Record").</summary>
/// <remarks>
/// Works on the span without Regex, Split or per-field strings. In steady state it allocates nothing: the
/// timestamp of the previous line is cached (consecutive lines usually share all of it but the seconds) and sections are interned,
/// so the only allocation is a section string seen for the first time.
/// <para>Tolerated, because real logs have them (BAD-INPUTS.md B11, B12): IPv6 and host names as clients, a
/// request of <c>-</c>, TLS garbage, HTTP/0.9 <c>GET /</c> and truncated requests (hits without a section when
/// there is no path), backslash escapes in the request (Apache <c>\"</c> and <c>\\</c>, nginx <c>\x22</c>), an
/// unescaped quote inside the request (the closing quote is the first one followed by a valid status and
/// bytes), and anything after bytes (referer, agent, vhost, response time).</para>
/// Not thread-safe: one instance per pipeline.
/// </remarks>
public sealed class CommonLogParser : ILogLineParser, IInternedKeys
{
    private readonly InternTable _sections;
    private readonly InternTable _clients;
    private readonly int _fieldsBeforeTime;

    private readonly ClfTimeCache _time = new();
    private int _sectionEntry, _clientEntry;

    /// <summary>Creates a parser with its own section table.</summary>
    public CommonLogParser()
        : this(new InternTable())
    {
    }

    /// <summary>Creates a parser interning sections into <paramref name="sections"/>.</summary>
    /// <param name="withVirtualHost">Apache's <c>vhost_combined</c> (<c>%v:%p %h %l %u %t …</c>): one more field,
    /// the virtual host, before the client.</param>
    /// <param name="clients">The table clients are interned into; a new one by default.</param>
    public CommonLogParser(InternTable sections, bool withVirtualHost = false, InternTable? clients = null)
    {
        _sections = sections;
        _clients = clients ?? new InternTable();
        _fieldsBeforeTime = withVirtualHost ? 4 : 3;
    }

    /// <summary>A parser for <c>vhost_combined</c> lines (see the constructor).</summary>
    public static CommonLogParser WithVirtualHost() => new(new InternTable(), withVirtualHost: true);

    /// <inheritdoc />
    public string FormatName => _fieldsBeforeTime == 3 ? "Common/Combined Log Format" : "Combined Log Format with virtual host";


    /// <inheritdoc />
    [MethodImpl(HotPath.FullyOptimized)]
    public bool TryParse(ReadOnlySpan<byte> line, out LogRecord record)
    {
        record = default;
        if (!line.IsEmpty && line[^1] == (byte)'\r')
        {
            line = line[..^1];
        }

        // [vhost] host ident authuser: three (or four) non-empty fields, single spaces, then '['.
        int pos = 0, clientStart = 0, clientEnd = 0;
        for (int field = 0; field < _fieldsBeforeTime; field++)
        {
            // ident and authuser are "-" on almost every line: no search for those.
            int space = pos + 1 < line.Length && line[pos] == (byte)'-' && line[pos + 1] == (byte)' '
                ? 1
                : ByteSearch.IndexOf(line[pos..], (byte)' ');
            if (space <= 0)
            {
                return false;
            }

            if (field == _fieldsBeforeTime - 3)
            {
                clientStart = pos;
                clientEnd = pos + space;
            }

            pos += space + 1;
        }

        // [dd/Mon/yyyy:HH:mm:ss +zzzz] then ' "'
        int stampEnd = pos + 1 + ClfTimestamp.Length;
        if (line.Length < stampEnd + 3 || line[pos] != (byte)'[' || line[stampEnd] != (byte)']'
            || line[stampEnd + 1] != (byte)' ' || line[stampEnd + 2] != (byte)'"')
        {
            return false;
        }

        if (!_time.TryParse(line.Slice(pos + 1, ClfTimestamp.Length), out long second, out short offset))
        {
            return false;
        }

        int requestStart = stampEnd + 3;
        if (!TryParseTail(line, requestStart, out int requestEnd, out short status, out long bytes, out int bytesEnd))
        {
            return false;
        }

        ReadOnlySpan<byte> request = line[requestStart..requestEnd];
        string? section = Sections.TryMeasureRequest(request, out int start, out int length, out bool appendSlash)
            ? _sections.Intern(request.Slice(start, length), appendSlash, out _sectionEntry)
            : null;

        record = new LogRecord(second, offset, section, status, bytes, TrailingDuration(line, bytesEnd),
            Clients.Of(line[clientStart..clientEnd], _clients, out _clientEntry));
        return true;
    }

    /// <inheritdoc />
    public InternedEntries LastEntries => new(_sectionEntry, _clientEntry);

    // The response-time variants: nginx "… "$http_user_agent" $request_time" (seconds, with a fraction), Apache
    // "… %D" (whole microseconds), both last; or nginx "rt=0.123" among key=value fields (often ending in
    // urt="0.100"). Apache's %T (whole seconds) cannot be told from %D: that needs --log-format. Decided from the
    // line's end, so a plain Combined line (ending in the agent's quote) costs one backward search for '"'.
    [MethodImpl(HotPath.FullyOptimized)]
    private static long TrailingDuration(ReadOnlySpan<byte> line, int bytesEnd)
    {
        if (bytesEnd == line.Length) return LogRecord.NoDuration;
        ReadOnlySpan<byte> rest = line[bytesEnd..];
        ReadOnlySpan<byte> token;
        byte last = rest[^1];
        if (last == (byte)'"')
        {
            // Most lines end in the agent, and most agents hold no '=': one forward search settles them. (It also keeps
            // the backward search, whose JIT-compiled code stayed unoptimised for whole runs, off the common path.)
            if (ByteSearch.IndexOf(rest, (byte)'=') < 0) return LogRecord.NoDuration;
            int open = rest[..^1].LastIndexOf((byte)'"');
            if (open < 1 || rest[open - 1] != (byte)'=') return LogRecord.NoDuration;   // "agent": no key=value tail
            token = NamedValue(rest, " rt="u8);
            if (token.IsEmpty) token = NamedValue(rest, " request_time="u8);
        }
        else if ((uint)(last - '0') <= 9)
        {
            token = rest[(rest.LastIndexOf((byte)' ') + 1)..];
            int equals = token.IndexOf((byte)'=');
            if (equals >= 0)
            {
                ReadOnlySpan<byte> key = token[..equals];
                if (!key.SequenceEqual("rt"u8) && !key.SequenceEqual("request_time"u8)) return LogRecord.NoDuration;
                token = token[(equals + 1)..];
            }
        }
        else
        {
            return LogRecord.NoDuration;
        }

        return DurationText.TryParseMicros(token, wholeUnitMicros: 1, out long micros) ? micros : LogRecord.NoDuration;
    }

    private static ReadOnlySpan<byte> NamedValue(ReadOnlySpan<byte> rest, ReadOnlySpan<byte> key)
    {
        int at = rest.IndexOf(key);
        if (at < 0) return default;
        ReadOnlySpan<byte> value = rest[(at + key.Length)..];
        int end = value.IndexOf((byte)' ');
        return end < 0 ? value : value[..end];
    }

    // From just after the opening quote: the request's closing quote, then ' ', status, ' ', bytes, then ' ' or end.
    // A backslash escapes the next byte. If the first unescaped quote is not followed by a valid status and bytes,
    // the quote was part of the request (an unescaped quote) and the next one is tried; all on this line only.
    [MethodImpl(HotPath.FullyOptimized)]
    private static bool TryParseTail(ReadOnlySpan<byte> line, int requestStart, out int requestEnd, out short status,
        out long bytes, out int bytesEnd)
    {
        requestEnd = 0;
        bytesEnd = 0;
        status = 0;
        bytes = 0;
        int i = requestStart;
        while (i < line.Length)
        {
            int hit = ByteSearch.IndexOfAny(line[i..], (byte)'"', (byte)'\\');
            if (hit < 0)
            {
                return false;
            }

            i += hit;
            if (line[i] == (byte)'\\')
            {
                i += 2;     // skip the escaped byte: \" \\ and nginx's \x22 (whose "x22" is harmless)
                continue;
            }

            if (TryParseStatusAndBytes(line[(i + 1)..], out status, out bytes, out int bytesLength))
            {
                requestEnd = i;
                bytesEnd = i + 1 + 5 + bytesLength;   // past '" 200 ' and the size
                return true;
            }

            i++;
        }

        return false;
    }

    // " 200 1234" followed by end or ' '; bytes may be "-" (→ 0). `length` is the size field's.
    [MethodImpl(HotPath.FullyOptimized)]
    private static bool TryParseStatusAndBytes(ReadOnlySpan<byte> rest, out short status, out long bytes, out int length)
    {
        status = 0;
        bytes = 0;
        length = 0;
        if (rest.Length < 6 || rest[0] != (byte)' ' || rest[4] != (byte)' ')
        {
            return false;
        }

        if (!StatusCode.TryParse(rest[1..4], out short code))
        {
            return false;
        }

        ReadOnlySpan<byte> field = rest[5..];
        int end = ByteSearch.IndexOf(field, (byte)' ');
        if (end >= 0)
        {
            field = field[..end];
        }

        if (!TryParseBytes(field, out bytes))
        {
            return false;
        }

        status = code;
        length = field.Length;
        return true;
    }

    [MethodImpl(HotPath.FullyOptimized)]
    private static bool TryParseBytes(ReadOnlySpan<byte> field, out long bytes)
    {
        bytes = 0;
        if (field.Length == 1 && field[0] == (byte)'-')
        {
            return true;
        }

        if (field.IsEmpty || field.Length > 18)    // 18 digits cannot overflow a long
        {
            return false;
        }

        foreach (byte b in field)
        {
            uint d = (uint)(b - '0');
            if (d > 9)
            {
                return false;
            }

            bytes = bytes * 10 + d;
        }

        return true;
    }
}

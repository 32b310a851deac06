using System.Buffers.Text;
using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;

namespace RxLog.Parsing;

/// <summary>Parsing stage: one JSON object per line (nginx <c>escape=json</c>, Caddy, Cloudflare Logpush and
/// look-alikes), values found where <see cref="JsonFields"/> says. Time as CLF text, ISO 8601, or epoch seconds,
/// milliseconds, microseconds or nanoseconds.</summary>
/// <remarks>Read with <see cref="Utf8JsonReader"/> straight from the line's bytes, depth-limited, so malformed, deeply
/// nested or huge objects are invalid lines, never a crash or a hang. Not thread-safe: one per pipeline.</remarks>
public sealed class JsonLineParser : ILogLineParser
{
    private static readonly JsonReaderOptions Options = new() { MaxDepth = 16, CommentHandling = JsonCommentHandling.Disallow };

    // A section from a request line counts only when no path field is present.
    private const int RequestRank = int.MaxValue - 1;

    private readonly InternTable _sections = new();
    private readonly InternTable _clients = new();
    private readonly ClfTimeCache _clfTime = new();
    private readonly JsonField[] _fields;
    private readonly ulong _everyField;

    public JsonLineParser()
        : this(JsonFields.Defaults)
    {
    }

    public JsonLineParser(JsonFields fields)
    {
        _fields = fields.Fields.ToArray();
        _everyField = _fields.Length == 64 ? ulong.MaxValue : (1UL << _fields.Length) - 1;
    }

    public string FormatName => "JSON lines";

    public bool TryParse(ReadOnlySpan<byte> line, out LogRecord record)
    {
        record = default;
        int start = ObjectStart(line);
        if (start < 0) return false;
        line = line[start..];
        try
        {
            return TryRead(line, out record);
        }
        catch (JsonException)
        {
            return false;   // malformed, too deep, or not an object: an invalid line
        }
    }

    /// <summary>Where the line's JSON object starts, after blanks and the <c>name  | </c> prefix that
    /// <c>docker compose logs</c> adds; -1 when the line is not a JSON object.</summary>
    public static int ObjectStart(ReadOnlySpan<byte> line)
    {
        int i = line.IndexOfAnyExcept(" \t"u8);
        if (i < 0) return -1;
        if (line[i] == (byte)'{') return i;
        // "caddy  | {...}": a short service name, spaces, a bar, a space.
        int bar = line[i..Math.Min(line.Length, i + 80)].IndexOf("| {"u8);
        if (bar <= 0 || line.Slice(i, bar).IndexOfAny((byte)'{', (byte)'"') >= 0) return -1;
        return i + bar + 2;
    }

    // What one line gave so far, with the rank (index in _fields) of the field each value came from: a field listed
    // earlier overrides one listed later, whatever their order in the line.
    private struct Found
    {
        public long Second;
        public short Offset;
        public short Status;
        public long Bytes;
        public long Duration;
        public string? Section;
        public string? Client;
        public int TimeRank, StatusRank, BytesRank, SectionRank, DurationRank, ClientRank;
        public bool Bad;
    }

    private bool TryRead(ReadOnlySpan<byte> line, out LogRecord record)
    {
        record = default;
        var reader = new Utf8JsonReader(line, Options);
        reader.Read();   // the '{'
        var found = new Found
        {
            Duration = LogRecord.NoDuration,
            TimeRank = int.MaxValue, StatusRank = int.MaxValue, BytesRank = int.MaxValue,
            SectionRank = int.MaxValue, DurationRank = int.MaxValue, ClientRank = int.MaxValue,
        };
        ReadObject(ref reader, 0, _everyField, ref found);
        if (found.Bad || reader.TokenType != JsonTokenType.EndObject) return false;
        if (reader.Read()) return false;   // anything after the object: not one object per line
        if (found.TimeRank == int.MaxValue || found.StatusRank == int.MaxValue) return false;
        record = new LogRecord(found.Second, found.Offset, found.Section, found.Status, found.Bytes, found.Duration, found.Client);
        return true;
    }

    // Reads the properties of the object the reader is in, to its end. Only the fields in candidates (bit i is
    // _fields[i]), whose paths matched the names above, are compared with the names at this depth.
    private void ReadObject(ref Utf8JsonReader reader, int depth, ulong candidates, ref Found found)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            ulong here = 0, deeper = 0;
            // Names are compared as bytes (a vectorised compare that looks at the length first); only an escaped name
            // needs the reader to unescape it.
            bool escaped = reader.ValueIsEscaped;
            ReadOnlySpan<byte> name = escaped ? default : reader.ValueSpan;
            for (ulong rest = candidates; rest != 0; rest &= rest - 1)
            {
                int i = BitOperations.TrailingZeroCount(rest);
                var path = _fields[i].Path;
                if (escaped ? !reader.ValueTextEquals(path[depth]) : !name.SequenceEqual(path[depth])) continue;
                if (path.Length == depth + 1) here |= 1UL << i;
                else deeper |= 1UL << i;
            }

            reader.Read();
            if (reader.TokenType is JsonTokenType.StartObject && deeper != 0)
            {
                ReadObject(ref reader, depth + 1, deeper, ref found);
                continue;
            }

            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                reader.Skip();
                continue;
            }

            for (; here != 0; here &= here - 1)
            {
                Take(ref reader, BitOperations.TrailingZeroCount(here), ref found);
            }
        }
    }

    private void Take(ref Utf8JsonReader reader, int rank, ref Found found)
    {
        var field = _fields[rank];
        switch (field.Role)
        {
            case JsonRole.Time when rank < found.TimeRank:
                if (!TryTime(ref reader, out found.Second, out found.Offset)) found.Bad = true;
                found.TimeRank = rank;
                break;
            case JsonRole.Status when rank < found.StatusRank:
                if (!TryWholeNumber(ref reader, out long code) || code is < 100 or > 999) found.Bad = true;
                found.Status = (short)code;
                found.StatusRank = rank;
                break;
            case JsonRole.Bytes when rank < found.BytesRank:
                if (!TryWholeNumber(ref reader, out found.Bytes)) found.Bytes = 0;   // "-" or null: unknown size
                found.BytesRank = rank;
                break;
            case JsonRole.Path when rank < found.SectionRank || found.SectionRank == RequestRank:
                found.Section = SectionOf(Value(ref reader));
                found.SectionRank = rank;
                break;
            case JsonRole.Request when found.SectionRank == int.MaxValue:
                found.Section = SectionOf(Sections.PathOf(Value(ref reader)));
                found.SectionRank = RequestRank;
                break;
            case JsonRole.Duration when rank < found.DurationRank:
                if (TryDuration(ref reader, field.DurationUnitMicros, out long micros))
                {
                    found.Duration = micros;
                    found.DurationRank = rank;
                }
                break;
            case JsonRole.Client when rank < found.ClientRank:
                found.Client = Clients.Of(Value(ref reader), _clients);
                found.ClientRank = rank;
                break;
        }
    }

    private static bool TryDuration(ref Utf8JsonReader reader, long unitMicros, out long micros)
    {
        micros = 0;
        if (reader.TokenType == JsonTokenType.Number)
        {
            if (!reader.TryGetDouble(out double value) || !double.IsFinite(value) || value < 0 || value * unitMicros > 1e15) return false;
            micros = (long)Math.Round(value * unitMicros);
            return true;
        }

        return reader.TokenType == JsonTokenType.String && DurationText.TryParseMicros(Value(ref reader), unitMicros, out micros);
    }

    // The value's UTF-8 bytes, unescaped (escapes are rare in these fields; only then is a copy made).
    private static ReadOnlySpan<byte> Value(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String) return default;
        return reader.ValueIsEscaped ? Encoding.UTF8.GetBytes(reader.GetString()!) : reader.ValueSpan;
    }

    private string? SectionOf(ReadOnlySpan<byte> path) =>
        Sections.TryMeasure(path, out int length, out bool appendSlash) ? _sections.Intern(path[..length], appendSlash) : null;

    private static bool TryWholeNumber(ref Utf8JsonReader reader, out long value)
    {
        value = 0;
        if (reader.TokenType == JsonTokenType.Number)
        {
            if (reader.TryGetInt64(out value)) return value >= 0;
            if (!reader.TryGetDouble(out double d) || d < 0 || d > long.MaxValue || d != Math.Floor(d)) return false;
            value = (long)d;   // 2e2, 200.0
            return true;
        }
        return reader.TokenType == JsonTokenType.String && Utf8Parser.TryParse(Value(ref reader), out value, out int used)
               && used == Value(ref reader).Length && value >= 0;
    }

    private bool TryTime(ref Utf8JsonReader reader, out long second, out short offset)
    {
        second = 0;
        offset = 0;
        if (reader.TokenType == JsonTokenType.Number)
        {
            if (!reader.TryGetDouble(out double epoch) || !double.IsFinite(epoch) || epoch < 0) return false;
            // 1e11 s would be the year 5138: larger numbers are milliseconds (JS), microseconds or nanoseconds
            // (Cloudflare's EdgeStartTimestamp in unixnano).
            while (epoch > 1e11) epoch /= 1000;
            second = (long)Math.Floor(epoch);
            return second <= ClfTimestamp.MaxUnixSeconds;
        }
        var text = Value(ref reader);
        if (text.Length == ClfTimestamp.Length && _clfTime.TryParse(text, out second, out offset)) return true;
        if (DurationText.TryParseMicros(text, 1_000_000, out long micros))   // nginx "$msec": "1767261605.250"
        {
            second = micros / 1_000_000;
            while (second > 100_000_000_000) second /= 1000;
            return second <= ClfTimestamp.MaxUnixSeconds;
        }
        if (text.Length is < 10 or > 64) return false;
        Span<char> chars = stackalloc char[text.Length];
        int n = Encoding.UTF8.GetChars(text, chars);
        if (!DateTimeOffset.TryParse(chars[..n], CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var time))
            return false;
        second = time.ToUnixTimeSeconds();
        offset = (short)time.Offset.TotalMinutes;
        return true;
    }
}

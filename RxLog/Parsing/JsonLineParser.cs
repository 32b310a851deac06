using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace RxLog.Parsing;

/// <summary>Parsing stage: one flat JSON object per line (nginx <c>escape=json</c> and look-alikes), fields found by
/// their usual names. Time as CLF text, ISO 8601, or epoch seconds/milliseconds.</summary>
/// <remarks>Read with <see cref="Utf8JsonReader"/> straight from the line's bytes, depth-limited, so malformed, deeply
/// nested or huge objects are invalid lines, never a crash or a hang. Nested objects are skipped (Caddy's
/// <c>request.uri</c> and <c>--field</c> mappings are issue 4's next steps). Not thread-safe: one per pipeline.</remarks>
public sealed class JsonLineParser : ILogLineParser
{
    private static readonly JsonReaderOptions Options = new() { MaxDepth = 16, CommentHandling = JsonCommentHandling.Disallow };

    private readonly SectionTable _sections = new();

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

    private bool TryRead(ReadOnlySpan<byte> line, out LogRecord record)
    {
        record = default;
        var reader = new Utf8JsonReader(line, Options);
        reader.Read();   // the '{'
        long? second = null;
        short offset = 0;
        short status = 0;
        long bytes = 0;
        string? section = null;
        bool sawSectionSource = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = Classify(ref reader);
            reader.Read();
            if (field == Field.Request && reader.TokenType == JsonTokenType.StartObject)
            {
                // Caddy: "request": {"method": …, "uri": "/path?q", "headers": {…}}
                if (!sawSectionSource) section = NestedUri(ref reader);
                sawSectionSource = true;
                continue;
            }
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                reader.Skip();
                continue;
            }
            switch (field)
            {
                case Field.Time:
                    if (!TryTime(ref reader, out long s, out offset)) return false;
                    second = s;
                    break;
                case Field.Status:
                    if (!TryWholeNumber(ref reader, out long code) || code is < 100 or > 999) return false;
                    status = (short)code;
                    break;
                case Field.Bytes:
                    if (!TryWholeNumber(ref reader, out bytes)) bytes = 0;   // "-" or null: unknown size
                    break;
                case Field.Request when !sawSectionSource:
                    section = SectionOf(Sections.PathOf(Value(ref reader)));
                    break;
                case Field.Path:
                    section = SectionOf(Value(ref reader));
                    sawSectionSource = true;
                    break;
            }
        }
        if (reader.TokenType != JsonTokenType.EndObject) return false;
        if (reader.Read()) return false;   // anything after the object: not one object per line
        if (second is not { } at || status == 0) return false;
        record = new LogRecord(at, offset, section, status, bytes);
        return true;
    }

    private string? NestedUri(ref Utf8JsonReader reader)
    {
        string? section = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool isUri = reader.ValueTextEquals("uri"u8);
            reader.Read();
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) reader.Skip();
            else if (isUri) section = SectionOf(Value(ref reader));
        }
        return section;
    }

    private enum Field : byte { Other, Time, Status, Bytes, Request, Path }

    private static Field Classify(ref Utf8JsonReader reader)
    {
        if (reader.ValueTextEquals("time"u8) || reader.ValueTextEquals("time_local"u8) || reader.ValueTextEquals("timestamp"u8)
            || reader.ValueTextEquals("@timestamp"u8) || reader.ValueTextEquals("time_iso8601"u8) || reader.ValueTextEquals("ts"u8)
            || reader.ValueTextEquals("EdgeStartTimestamp"u8))
            return Field.Time;
        if (reader.ValueTextEquals("status"u8) || reader.ValueTextEquals("response"u8) || reader.ValueTextEquals("status_code"u8)
            || reader.ValueTextEquals("EdgeResponseStatus"u8))
            return Field.Status;
        if (reader.ValueTextEquals("bytes"u8) || reader.ValueTextEquals("body_bytes_sent"u8) || reader.ValueTextEquals("bytes_sent"u8)
            || reader.ValueTextEquals("size"u8) || reader.ValueTextEquals("EdgeResponseBytes"u8))
            return Field.Bytes;
        if (reader.ValueTextEquals("request"u8))
            return Field.Request;
        if (reader.ValueTextEquals("uri"u8) || reader.ValueTextEquals("request_uri"u8) || reader.ValueTextEquals("path"u8)
            || reader.ValueTextEquals("url"u8) || reader.ValueTextEquals("ClientRequestURI"u8))
            return Field.Path;
        return Field.Other;
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

    private static bool TryTime(ref Utf8JsonReader reader, out long second, out short offset)
    {
        second = 0;
        offset = 0;
        if (reader.TokenType == JsonTokenType.Number)
        {
            if (!reader.TryGetDouble(out double epoch) || !double.IsFinite(epoch) || epoch < 0) return false;
            if (epoch > 1e11) epoch /= 1000;   // milliseconds (Cloudflare, JS): 1e11 s would be the year 5138
            second = (long)Math.Floor(epoch);
            return second <= ClfTimestamp.MaxUnixSeconds;
        }
        var text = Value(ref reader);
        if (text.Length == ClfTimestamp.Length && ClfTimestamp.TryParse(text, out second, out offset)) return true;
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

using System.Text.Json;

namespace RxLog.Sources.Network;

/// <summary>JSON lines from log shippers: Vector's <c>socket</c> sink (<c>{"host":"web1","message":"…",…}</c>), Fluent
/// Bit's <c>tcp</c> output with <c>json_lines</c> (<c>{"log":"…",…}</c>). The access-log line is the top-level
/// <c>message</c> or <c>log</c> string, the host its <c>host</c> or <c>hostname</c>. An object with neither is an
/// access-log JSON object itself (nginx's <c>escape=json</c>), read as it is.</summary>
public static class ShipperJson
{
    /// <summary>The line <paramref name="json"/> carries, unescaped into <paramref name="scratch"/> when it has escapes,
    /// and the host it names (empty when none); false when it carries none (not JSON, or no message field).</summary>
    public static bool TryExtract(ReadOnlySpan<byte> json, Span<byte> scratch, out ReadOnlySpan<byte> line,
        out ReadOnlySpan<byte> host)
    {
        line = host = default;
        if (json.Length < 2 || json[0] != '{') return false;
        int hostAt = -1, hostLength = 0;   // host is unescaped after the line, in scratch, when it must be
        bool found = false;
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 64 });
            reader.Read();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool isLine = !found && (reader.ValueTextEquals("message"u8) || reader.ValueTextEquals("log"u8));
                bool isHost = host.Length == 0 && hostAt < 0 && (reader.ValueTextEquals("host"u8) || reader.ValueTextEquals("hostname"u8));
                reader.Read();
                if (reader.TokenType != JsonTokenType.String)
                {
                    reader.Skip();
                    continue;
                }
                if (isLine)
                {
                    found = true;
                    if (!reader.ValueIsEscaped) line = reader.ValueSpan;
                    else
                    {
                        int n = reader.CopyString(scratch[..^1024]);
                        line = scratch[..n];
                    }
                }
                else if (isHost && reader.ValueSpan.Length is > 0 and <= 255)
                {
                    if (!reader.ValueIsEscaped) host = reader.ValueSpan;
                    else
                    {
                        hostAt = scratch.Length - 1024;
                        hostLength = reader.CopyString(scratch[hostAt..]);
                    }
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException)
        {
            // Not JSON, or cut: the line as it is; a line too long for the scratch is passed on as it is too.
            return false;
        }
        if (hostAt >= 0) host = scratch.Slice(hostAt, hostLength);
        return found;
    }
}

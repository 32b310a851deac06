namespace RxLog.Sources.Network;

/// <summary>Takes the syslog header off a message, keeping the sender's host name and the text it carries (the
/// access-log line). RFC 3164 as nginx, rsyslog and syslog-ng send it (<c>&lt;190&gt;Dec  5 05:30:00 web1 nginx: …</c>,
/// or with an RFC 3339 time) and RFC 5424 (<c>&lt;190&gt;1 2026-12-05T05:30:00Z web1 nginx - - - …</c>).</summary>
/// <remarks>The header's time is not used: a line's time is the access-log line's own, which the sender wrote when the
/// request ended (the header has no year and no zone in RFC 3164, and is the relay's time after a relay).</remarks>
public static class SyslogHeader
{
    /// <summary>Splits <paramref name="message"/>; false when it does not start with a syslog header (it is then a
    /// line as it is). <paramref name="host"/> is empty when the header names none (<c>-</c>).</summary>
    public static bool TryParse(ReadOnlySpan<byte> message, out ReadOnlySpan<byte> host, out ReadOnlySpan<byte> text)
    {
        host = text = default;
        // <PRI>: 1 to 3 digits, at most 191.
        if (message.Length < 4 || message[0] != '<') return false;
        int close = message[1..Math.Min(message.Length, 5)].IndexOf((byte)'>');
        if (close < 1) return false;
        var pri = message.Slice(1, close);
        if (!AllDigits(pri)) return false;
        var rest = message[(close + 2)..];
        if (rest.Length >= 2 && rest[0] == '1' && rest[1] == ' ') return TryRfc5424(rest[2..], out host, out text);
        return TryRfc3164(rest, out host, out text);
    }

    // TIMESTAMP HOSTNAME TAG[PID]: MSG — the time "Mmm dd hh:mm:ss" (day space-padded) or an RFC 3339 token.
    private static bool TryRfc3164(ReadOnlySpan<byte> rest, out ReadOnlySpan<byte> host, out ReadOnlySpan<byte> text)
    {
        host = text = default;
        if (rest.Length >= 16 && IsMonth(rest) && rest[3] == ' ' && rest[6] == ' ' && rest[9] == ':' && rest[12] == ':'
            && rest[15] == ' ')
            rest = rest[16..];
        else if (rest.Length > 0 && IsDigit(rest[0]) && rest.IndexOf((byte)' ') is > 0 and var end && rest[..end].Contains((byte)'T'))
            rest = rest[(end + 1)..];
        else
            return false;
        int space = rest.IndexOf((byte)' ');
        if (space <= 0) return false;
        host = rest[..space];
        rest = rest[(space + 1)..];
        // The tag: up to 48 characters without a space, ending in ':' (after an optional [pid]). A message without a
        // tag is the text as it is.
        int tagEnd = rest[..Math.Min(rest.Length, 49)].IndexOfAny((byte)':', (byte)' ');
        if (tagEnd > 0 && rest[tagEnd] == ':')
        {
            rest = rest[(tagEnd + 1)..];
            if (rest.Length > 0 && rest[0] == ' ') rest = rest[1..];
        }
        text = rest;
        return true;
    }

    // TIMESTAMP HOSTNAME APP-NAME PROCID MSGID STRUCTURED-DATA [SP MSG]; MSG may start with a UTF-8 BOM.
    private static bool TryRfc5424(ReadOnlySpan<byte> rest, out ReadOnlySpan<byte> host, out ReadOnlySpan<byte> text)
    {
        host = text = default;
        for (int field = 0; field < 5; field++)
        {
            int space = rest.IndexOf((byte)' ');
            if (space <= 0) return false;
            if (field == 1) host = rest[..space] is [(byte)'-'] ? default : rest[..space];
            rest = rest[(space + 1)..];
        }
        if (rest.Length == 0) return false;
        if (rest[0] == '-') rest = rest[1..];
        else
        {
            // One or more [ID param="value" …] elements; inside a value, \] and \" are escaped.
            while (rest.Length > 0 && rest[0] == '[')
            {
                int i = 1;
                bool quoted = false;
                for (; i < rest.Length; i++)
                {
                    byte c = rest[i];
                    if (c == '\\' && quoted) i++;
                    else if (c == '"') quoted = !quoted;
                    else if (c == ']' && !quoted) break;
                }
                if (i >= rest.Length) return false;
                rest = rest[(i + 1)..];
            }
        }
        if (rest.Length > 0 && rest[0] == ' ') rest = rest[1..];
        if (rest.StartsWith("\uFEFF"u8)) rest = rest[3..];
        text = rest;
        return true;
    }

    private static bool IsMonth(ReadOnlySpan<byte> s) =>
        s.Length >= 3 && "JanFebMarAprMayJunJulAugSepOctNovDec"u8.IndexOf(s[..3]) is >= 0 and var at && at % 3 == 0;

    private static bool AllDigits(ReadOnlySpan<byte> s)
    {
        foreach (byte c in s)
            if (!IsDigit(c)) return false;
        return true;
    }

    private static bool IsDigit(byte c) => c is >= (byte)'0' and <= (byte)'9';
}

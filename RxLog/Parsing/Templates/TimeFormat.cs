namespace RxLog.Parsing.Templates;

/// <summary>Parsing stage: the <c>--time-format</c> of <c>--regex</c>'s <c>time</c> group: <c>clf</c> (the default,
/// <c>10/Oct/2000:13:55:36 -0700</c>, brackets allowed), <c>iso8601</c>, <c>epoch</c> (seconds, fraction allowed),
/// <c>epoch_ms</c>, or a strftime pattern (<see cref="StrftimeTime"/>; no zone in it means UTC).</summary>
public sealed class TimeFormat
{
    private readonly Kind _kind;
    private readonly StrftimeTime? _pattern;
    private readonly ClfTimeCache _clf = new();

    private TimeFormat(Kind kind, StrftimeTime? pattern)
    {
        _kind = kind;
        _pattern = pattern;
    }

    private enum Kind : byte { Clf, Iso8601, Epoch, EpochMillis, Strftime }

    /// <summary>The format named <paramref name="name"/> (null or empty: <c>clf</c>); throws
    /// <see cref="FormatException"/> for an unknown name or an unsupported strftime pattern.</summary>
    public static TimeFormat Parse(string? name)
    {
        switch (name?.Trim().ToLowerInvariant())
        {
            case null or "" or "clf" or "common":
                return new TimeFormat(Kind.Clf, null);
            case "iso8601" or "iso" or "rfc3339":
                return new TimeFormat(Kind.Iso8601, null);
            case "epoch" or "epoch_s" or "unix":
                return new TimeFormat(Kind.Epoch, null);
            case "epoch_ms" or "unix_ms":
                return new TimeFormat(Kind.EpochMillis, null);
        }

        if (!name!.Contains('%', StringComparison.Ordinal))
        {
            throw new FormatException($"unknown time format '{name}' (use clf, iso8601, epoch, epoch_ms or a strftime pattern such as %Y-%m-%d %H:%M:%S)");
        }

        var pattern = StrftimeTime.Compile(name);
        if ((pattern.Gives & TimeFieldSet.Absolute) == 0 && (pattern.Gives & TimeFieldSet.Date) != TimeFieldSet.Date)
        {
            throw new FormatException($"the time format '{name}' gives no full date (it needs a year, a month and a day, or %s)");
        }

        return new TimeFormat(Kind.Strftime, pattern);
    }

    /// <summary>Parses all of <paramref name="text"/>; false when it is not a time in this format. Never throws.</summary>
    public bool TryParse(ReadOnlySpan<byte> text, out long unixSeconds, out short offsetMinutes)
    {
        unixSeconds = 0;
        offsetMinutes = 0;
        int used;
        switch (_kind)
        {
            case Kind.Clf:
                if (text.Length == ClfTimestamp.Length + 2 && text[0] == (byte)'[' && text[^1] == (byte)']')
                {
                    text = text[1..^1];
                }

                return _clf.TryParse(text, out unixSeconds, out offsetMinutes);
            case Kind.Epoch:
                return Numbers.TryEpoch(text, 1, out unixSeconds, out used) && used == text.Length;
            case Kind.EpochMillis:
                return Numbers.TryEpoch(text, 1000, out unixSeconds, out used) && used == text.Length;
            case Kind.Strftime:
                return _pattern!.TryParse(text, out unixSeconds, out offsetMinutes);
            default:
                var parts = default(TimeParts);
                return IsoTime.TryRead(text, ref parts, out used) && used == text.Length
                    && parts.TryResolve(out unixSeconds, out offsetMinutes);
        }
    }
}

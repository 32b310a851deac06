namespace RxLog.Parsing.Templates;

/// <summary>Parsing stage: reads a self-delimiting field (status, bytes, duration, time) from the front of the
/// rest of a line into the line's <see cref="LineState"/>.</summary>
internal static class FieldReader
{
    /// <summary>False when <paramref name="rest"/> does not start with a valid value; never throws.</summary>
    public static bool TryRead(TemplateStep step, ReadOnlySpan<byte> rest, ref LineState state, out int used)
    {
        used = 0;
        long seconds;
        switch (step.Field)
        {
            case FieldKind.Status:
                used = 3;
                return StatusCode.TryParse(rest, out state.Status);
            case FieldKind.Bytes:
                return Numbers.TryBytes(rest, out state.Bytes, out used);
            case FieldKind.DurationSeconds:
                return Numbers.TryDuration(rest, 1_000_000, out state.Duration, out used);
            case FieldKind.DurationMillis:
                return Numbers.TryDuration(rest, 1_000, out state.Duration, out used);
            case FieldKind.DurationMicros:
                return Numbers.TryDuration(rest, 1, out state.Duration, out used);
            case FieldKind.ClfTime:
                used = ClfTimestamp.Length;
                if (rest.Length < used || !step.Clf!.TryParse(rest[..used], out seconds, out short offset)) return false;
                state.Time.SetAbsolute(seconds, offset);
                return true;
            case FieldKind.IsoTime:
                return IsoTime.TryRead(rest, ref state.Time, out used);
            case FieldKind.StrftimeTime:
                return step.Time!.TryRead(rest, ref state.Time, out used);
            case FieldKind.EpochSeconds:
                return Epoch(rest, 1, ref state, out used);
            case FieldKind.EpochMillis:
                return Epoch(rest, 1_000, ref state, out used);
            case FieldKind.EpochMicros:
                return Epoch(rest, 1_000_000, ref state, out used);
            default:
                return false;
        }
    }

    private static bool Epoch(ReadOnlySpan<byte> rest, long perSecond, ref LineState state, out int used)
    {
        if (!Numbers.TryEpoch(rest, perSecond, out long seconds, out used)) return false;
        state.Time.Epoch = seconds;
        state.Time.HasEpoch = true;
        return true;
    }
}

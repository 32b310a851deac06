namespace RxLog.Parsing;

/// <summary>Parsing stage: <see cref="ClfTimestamp"/> with the previous line's minute remembered. Lines come in time
/// order, give or take a few seconds (Apache logs a request when it ends), so most lines repeat the previous line's
/// date, hour, minute and offset, and cost a compare and two digits.</summary>
/// <remarks>Not thread-safe: one per parser.</remarks>
internal sealed class ClfTimeCache
{
    // "dd/Mon/yyyy:HH:mm:" is stamp[..SecondsAt], " +zzzz" is stamp[(SecondsAt + 2)..].
    private const int SecondsAt = 18;

    private readonly byte[] _lastStamp = new byte[ClfTimestamp.Length];
    private bool _hasLastStamp;
    private long _lastMinuteStart;      // Unix seconds UTC of the last timestamp with its seconds set to 00
    private short _lastOffset;

    /// <summary>Parses exactly <see cref="ClfTimestamp.Length"/> bytes.</summary>
    public bool TryParse(ReadOnlySpan<byte> stamp, out long second, out short offset)
    {
        if (stamp.Length == ClfTimestamp.Length && _hasLastStamp
            && stamp[..SecondsAt].SequenceEqual(_lastStamp.AsSpan(0, SecondsAt))
            && stamp[(SecondsAt + 2)..].SequenceEqual(_lastStamp.AsSpan(SecondsAt + 2)))
        {
            uint tens = (uint)(stamp[SecondsAt] - '0');
            uint ones = (uint)(stamp[SecondsAt + 1] - '0');
            second = _lastMinuteStart + tens * 10 + ones;
            offset = _lastOffset;
            return tens <= 5 && ones <= 9 && second <= ClfTimestamp.MaxUnixSeconds;
        }

        if (!ClfTimestamp.TryParse(stamp, out second, out offset))
        {
            return false;
        }

        stamp.CopyTo(_lastStamp);
        _lastMinuteStart = second - ((stamp[SecondsAt] - '0') * 10 + (stamp[SecondsAt + 1] - '0'));
        _lastOffset = offset;
        _hasLastStamp = true;
        return true;
    }
}

using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace RxLog.Parsing;

/// <summary>Parsing stage: <see cref="ClfTimestamp"/> with the previous line's minute remembered. Lines come in time
/// order, give or take a few seconds (Apache logs a request when it ends), so most lines repeat the previous line's
/// date, hour, minute and offset, and cost a compare and two digits.</summary>
/// <remarks>Not thread-safe: one per parser.</remarks>
internal sealed class ClfTimeCache
{
    // "dd/Mon/yyyy:HH:mm:" is stamp[..SecondsAt], " +zzzz" is stamp[(SecondsAt + 2)..].
    private const int SecondsAt = 18;

    private bool _hasLastStamp;
    private long _lastMinuteStart;      // Unix seconds UTC of the last timestamp with its seconds set to 00
    private short _lastOffset;
    // The last stamp as words: bytes 0–7 "dd/Mon/y", 8–15 "yyy:HH:m", 16–17 "m:", and 18–25 "ss +zzzz" with the
    // seconds masked out, so "same minute and offset" is four compares, not two calls to a general compare.
    private ulong _lastHead, _lastMiddle, _lastTail;
    private ushort _lastMinute;
    private const ulong WithoutSeconds = ~0xFFFFUL;   // little-endian: bytes 18, 19 are the word's low 16 bits

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool SameMinuteAndOffset(ReadOnlySpan<byte> stamp) =>
        MemoryMarshal.Read<ulong>(stamp) == _lastHead
        && MemoryMarshal.Read<ulong>(stamp[8..]) == _lastMiddle
        && MemoryMarshal.Read<ushort>(stamp[16..]) == _lastMinute
        && (MemoryMarshal.Read<ulong>(stamp[SecondsAt..]) & WithoutSeconds) == _lastTail;

    /// <summary>Parses exactly <see cref="ClfTimestamp.Length"/> bytes.</summary>
    [MethodImpl(HotPath.FullyOptimized)]
    public bool TryParse(ReadOnlySpan<byte> stamp, out long second, out short offset)
    {
        if (stamp.Length == ClfTimestamp.Length && _hasLastStamp && SameMinuteAndOffset(stamp))
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

        _lastHead = MemoryMarshal.Read<ulong>(stamp);
        _lastMiddle = MemoryMarshal.Read<ulong>(stamp[8..]);
        _lastMinute = MemoryMarshal.Read<ushort>(stamp[16..]);
        _lastTail = MemoryMarshal.Read<ulong>(stamp[SecondsAt..]) & WithoutSeconds;
        _lastMinuteStart = second - ((stamp[SecondsAt] - '0') * 10 + (stamp[SecondsAt + 1] - '0'));
        _lastOffset = offset;
        _hasLastStamp = true;
        return true;
    }
}

using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace RxLog;

/// <summary>Byte searches for the per-line code of <c>check</c>, compiled into their callers (see <see cref="HotPath"/>):
/// the same answers as <c>IndexOf</c> and <c>IndexOfAny</c> on a span.</summary>
/// <remarks>CoreLib's searches are as fast once tiered up, but a second-long run spent much of its time in their
/// ReadyToRun copies, which tiering replaced late or never (perf, bench/README.md "Start-up and tiering"). These are
/// inlined into methods JIT-compiled at their first call, for the machine they run on: 32 bytes per compare where it has
/// 256-bit vectors (16 otherwise), the last block overlapping the one before, so no byte-by-byte tail for lines and
/// fields of 16 bytes or more.</remarks>
internal static class ByteSearch
{
    /// <summary>The index of the first <paramref name="value"/> in <paramref name="text"/>, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int IndexOf(ReadOnlySpan<byte> text, byte value)
    {
        ref byte start = ref MemoryMarshal.GetReference(text);
        int length = text.Length;
        if (Vector256.IsHardwareAccelerated && length >= Vector256<byte>.Count)
        {
            var target = Vector256.Create(value);
            int last = length - Vector256<byte>.Count;
            for (int i = 0; ; i = Math.Min(i + Vector256<byte>.Count, last))
            {
                uint found = Vector256.Equals(Vector256.LoadUnsafe(ref start, (nuint)i), target).ExtractMostSignificantBits();
                if (found != 0) return i + BitOperations.TrailingZeroCount(found);
                if (i == last) return -1;
            }
        }

        if (Vector128.IsHardwareAccelerated && length >= Vector128<byte>.Count)
        {
            var target = Vector128.Create(value);
            int last = length - Vector128<byte>.Count;
            for (int i = 0; ; i = Math.Min(i + Vector128<byte>.Count, last))
            {
                uint found = Vector128.Equals(Vector128.LoadUnsafe(ref start, (nuint)i), target).ExtractMostSignificantBits();
                if (found != 0) return i + BitOperations.TrailingZeroCount(found);
                if (i == last) return -1;
            }
        }

        for (int i = 0; i < length; i++)
        {
            if (Unsafe.Add(ref start, i) == value) return i;
        }

        return -1;
    }

    /// <summary>The index of the first <paramref name="a"/> or <paramref name="b"/> in <paramref name="text"/>, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int IndexOfAny(ReadOnlySpan<byte> text, byte a, byte b)
    {
        ref byte start = ref MemoryMarshal.GetReference(text);
        int length = text.Length;
        if (Vector256.IsHardwareAccelerated && length >= Vector256<byte>.Count)
        {
            Vector256<byte> first = Vector256.Create(a), second = Vector256.Create(b);
            int last = length - Vector256<byte>.Count;
            for (int i = 0; ; i = Math.Min(i + Vector256<byte>.Count, last))
            {
                var block = Vector256.LoadUnsafe(ref start, (nuint)i);
                uint found = (Vector256.Equals(block, first) | Vector256.Equals(block, second)).ExtractMostSignificantBits();
                if (found != 0) return i + BitOperations.TrailingZeroCount(found);
                if (i == last) return -1;
            }
        }

        if (Vector128.IsHardwareAccelerated && length >= Vector128<byte>.Count)
        {
            Vector128<byte> first = Vector128.Create(a), second = Vector128.Create(b);
            int last = length - Vector128<byte>.Count;
            for (int i = 0; ; i = Math.Min(i + Vector128<byte>.Count, last))
            {
                var block = Vector128.LoadUnsafe(ref start, (nuint)i);
                uint found = (Vector128.Equals(block, first) | Vector128.Equals(block, second)).ExtractMostSignificantBits();
                if (found != 0) return i + BitOperations.TrailingZeroCount(found);
                if (i == last) return -1;
            }
        }

        for (int i = 0; i < length; i++)
        {
            byte c = Unsafe.Add(ref start, i);
            if (c == a || c == b) return i;
        }

        return -1;
    }
}

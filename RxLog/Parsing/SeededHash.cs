using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace RxLog.Parsing;

/// <summary>A fast hash for the short values logs repeat (sections, client addresses), randomly seeded per process.</summary>
/// <remarks>A multiply-xorshift over 8-byte words with a MurmurHash3 finaliser: about three times cheaper than
/// <see cref="HashCode.AddBytes"/> on 10–40-byte values. Not cryptographic; the random seed is what keeps a log from
/// being crafted to collide (the tables using it probe linearly and would otherwise degrade to a scan).</remarks>
public static class SeededHash
{
    private const ulong K = 0x9E3779B97F4A7C15;
    private static readonly ulong Seed = (ulong)Random.Shared.NextInt64() | 1;

    // Inlined into the interning and tally lookups (a method compiled as HotPath.FullyOptimized is seldom inlined).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Of(ReadOnlySpan<byte> bytes)
    {
        int length = bytes.Length;
        ulong h = Seed ^ ((ulong)length * K);
        ref byte start = ref MemoryMarshal.GetReference(bytes);
        if (length >= 8)
        {
            int i = 0;
            for (; i + 8 <= length; i += 8)
            {
                h = (h ^ Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, i))) * K;
                h ^= h >> 32;
            }

            // The last 8 bytes again, overlapping what was mixed (the length is in the seed): no byte loop.
            if (i < length) h = (h ^ Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, length - 8))) * K;
        }
        else if (length >= 4)
        {
            ulong word = ((ulong)Unsafe.ReadUnaligned<uint>(ref start) << 32) | Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref start, length - 4));
            h = (h ^ word) * K;
        }
        else if (length > 0)
        {
            ulong word = start | ((ulong)Unsafe.Add(ref start, length / 2) << 8) | ((ulong)Unsafe.Add(ref start, length - 1) << 16);
            h = (h ^ word) * K;
        }

        return Finish(h);
    }

    /// <summary>The same mixing over a key of at most 16 bytes already held as two words (its first and last 8 bytes,
    /// or below 8 all of it zero-padded and 0), as <see cref="InternTable"/> keeps them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int OfWords(ulong head, ulong tail, int length)
    {
        ulong h = (Seed ^ ((ulong)length * K) ^ head) * K;
        h ^= h >> 32;
        return Finish((h ^ tail) * K);
    }

    // fmix64: every input bit reaches the low bits a table masks with.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Finish(ulong h)
    {
        h ^= h >> 33;
        h *= 0xFF51AFD7ED558CCD;
        h ^= h >> 33;
        return (int)h;
    }

    /// <summary>The hash of a string's UTF-16 code units.</summary>
    public static int Of(string text) => Of(MemoryMarshal.AsBytes(text.AsSpan()));
}

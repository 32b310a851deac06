namespace RxLog.Generation;

/// <summary>xoshiro256** (Blackman and Vigna), seeded through SplitMix64: a small PRNG whose output is fixed by
/// its definition, unlike <see cref="Random"/>, so generated logs cannot change between .NET versions.</summary>
/// <remarks>A mutable struct: keep it in a field or pass it by <c>ref</c>, never by value.</remarks>
internal struct Xoshiro256
{
    private ulong _s0, _s1, _s2, _s3;

    /// <summary>Seeds the state from <paramref name="seed"/> and a <paramref name="stream"/> number, so one user
    /// seed gives several independent sequences.</summary>
    public Xoshiro256(ulong seed, ulong stream)
    {
        ulong x = seed ^ (stream * 0xD1B54A32D192ED03UL);
        _s0 = SplitMix64(ref x);
        _s1 = SplitMix64(ref x);
        _s2 = SplitMix64(ref x);
        _s3 = SplitMix64(ref x);
    }

    public ulong NextUInt64()
    {
        ulong result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A value in <c>[0, n)</c> (Lemire's multiply-high; the bias is below 2⁻⁴⁰ for any table here).</summary>
    public int Below(int n) => (int)Math.BigMul(NextUInt64(), (ulong)n, out _);

    /// <summary>A value in <c>[0, n)</c> for 64-bit bounds.</summary>
    public ulong Below(ulong n) => Math.BigMul(NextUInt64(), n, out _);

    /// <summary>A double in <c>[0, 1)</c> with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>True with probability <paramref name="perThousand"/>/1000.</summary>
    public bool Chance(int perThousand) => Below(1000) < perThousand;

    private static ulong SplitMix64(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

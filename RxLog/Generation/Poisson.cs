namespace RxLog.Generation;

/// <summary>Poisson-distributed counts using only IEEE-exact arithmetic (+, −, ×, ÷), so every platform and
/// runtime draws the same numbers (<see cref="Math.Exp"/> may differ in the last bit between C libraries).</summary>
internal static class Poisson
{
    // Means above this are split into equal parts: a sum of Poissons is Poisson, and small means keep
    // e^-λ far from underflow and the inversion loop short. Cost stays proportional to the count drawn.
    private const double MaxPart = 64;

    /// <summary>A draw from Poisson(<paramref name="mean"/>); <paramref name="expNegPart"/> and
    /// <paramref name="parts"/> come from <see cref="Prepare"/>.</summary>
    public static long Sample(ref Xoshiro256 rng, double mean, int parts, double expNegPart)
    {
        double part = mean / parts;
        long total = 0;
        for (int i = 0; i < parts; i++)
            total += SampleSmall(ref rng, part, expNegPart);
        return total;
    }

    /// <summary>How to split <paramref name="mean"/>: the number of parts and e^(−mean/parts).</summary>
    public static (int Parts, double ExpNegPart) Prepare(double mean)
    {
        int parts = Math.Max(1, (int)Math.Ceiling(mean / MaxPart));
        return (parts, ExpNeg(mean / parts));
    }

    // Inversion by sequential search: walk the CDF from k = 0 until it passes a uniform draw.
    private static long SampleSmall(ref Xoshiro256 rng, double mean, double p0)
    {
        double u = rng.NextDouble();
        double p = p0, cdf = p0;
        long k = 0;
        // The guard stops rounding (a CDF that ends just below 1) from looping: far past the mean, p is ~0.
        while (u >= cdf && k < 1000)
        {
            k++;
            p *= mean / k;
            cdf += p;
        }
        return k;
    }

    /// <summary>e^(−x) for 0 ≤ x ≤ 64: Taylor series on x/2¹⁰, then squared ten times (relative error ~1e-13).</summary>
    internal static double ExpNeg(double x)
    {
        double y = -x / 1024;
        double term = 1, sum = 1;
        for (int n = 1; n < 20; n++)
        {
            term *= y / n;
            sum += term;
        }
        for (int i = 0; i < 10; i++)
            sum *= sum;
        return sum;
    }
}

using RxLog.Generation;

namespace RxLog.Tests.Generation;

public class PoissonTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(0.125)]
    [InlineData(1.0)]
    [InlineData(5.0)]
    [InlineData(20.0)]
    [InlineData(64.0)]
    public void Portable_exp_matches_Math_Exp(double x)
    {
        double expected = Math.Exp(-x);

        Assert.InRange(Math.Abs(Poisson.ExpNeg(x) - expected) / expected, 0, 1e-12);
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(20.0)]
    [InlineData(150.0)]
    [InlineData(2500.0)]
    public void Draws_have_the_mean_and_variance_of_a_Poisson(double mean)
    {
        var rng = new Xoshiro256(7, 0);
        var (parts, expNegPart) = Poisson.Prepare(mean);
        const int n = 20000;
        double sum = 0, sumSq = 0;
        for (int i = 0; i < n; i++)
        {
            long k = Poisson.Sample(ref rng, mean, parts, expNegPart);
            sum += k;
            sumSq += (double)k * k;
        }

        double m = sum / n, variance = sumSq / n - m * m;
        Assert.InRange(m, mean - 5 * Math.Sqrt(mean / n), mean + 5 * Math.Sqrt(mean / n));
        Assert.InRange(variance / mean, 0.93, 1.07);
    }

    [Fact]
    public void Xoshiro_sequence_is_fixed_by_the_seed()
    {
        var a = new Xoshiro256(1, 0);
        var b = new Xoshiro256(1, 0);
        var c = new Xoshiro256(1, 1);

        var first = Enumerable.Range(0, 4).Select(_ => a.NextUInt64()).ToArray();
        Assert.Equal(first, Enumerable.Range(0, 4).Select(_ => b.NextUInt64()));
        Assert.NotEqual(first, Enumerable.Range(0, 4).Select(_ => c.NextUInt64()));
    }
}

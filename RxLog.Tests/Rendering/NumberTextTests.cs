using RxLog.Rendering;

namespace RxLog.Tests.Rendering;

public class NumberTextTests
{
    [Theory]
    [InlineData(1503, 120, "12.53")] // 12.525 is stored as 12.52499…; rounded as the decimal a person sees
    [InlineData(15, 120, "0.13")] // 0.125 is exact; F2 would give 0.12 (it rounds the binary value)
    [InlineData(321, 120, "2.68")] // 2.675
    [InlineData(121, 120, "1.01")]
    [InlineData(1200, 120, "10.00")]
    [InlineData(1199, 120, "9.99")] // 9.991666…
    [InlineData(0, 120, "0.00")]
    [InlineData(1, 3, "0.33")]
    [InlineData(2, 3, "0.67")]
    public void Averages_round_half_away_from_zero_on_the_exact_quotient(long hits, int window, string expected)
    {
        Assert.Equal(expected, NumberText.TwoDecimals((double)hits / window));
    }

    [Theory]
    [InlineData(0, "0 B")]
    [InlineData(1023, "1023 B")]
    [InlineData(1024, "1.0 KiB")]
    [InlineData(1536, "1.5 KiB")]
    [InlineData(1048575, "1.0 MiB")]
    [InlineData(1258291, "1.2 MiB")]
    [InlineData(5368709120, "5.0 GiB")]
    [InlineData(long.MaxValue, "8.0 EiB")]
    public void Bytes_are_shown_in_binary_units(long bytes, string expected)
    {
        Assert.Equal(expected, NumberText.Bytes(bytes));
    }
}

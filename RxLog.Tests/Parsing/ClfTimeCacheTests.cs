using System.Globalization;
using System.Text;
using RxLog.Parsing;

namespace RxLog.Tests.Parsing;

/// <summary>The timestamp cache reuses the previous line's minute only when every byte but the seconds is the same:
/// a change anywhere else (day, month, year, hour, minute, offset) must parse afresh.</summary>
public class ClfTimeCacheTests
{
    [Theory]
    [InlineData("10/Oct/2000:13:55:36 -0700", "10/Oct/2000:13:55:59 -0700")]   // same minute: cached
    [InlineData("10/Oct/2000:13:55:36 -0700", "11/Oct/2000:13:55:36 -0700")]   // day
    [InlineData("10/Oct/2000:13:55:36 -0700", "10/Nov/2000:13:55:36 -0700")]   // month
    [InlineData("10/Oct/2000:13:55:36 -0700", "10/Oct/2001:13:55:36 -0700")]   // year (last digit)
    [InlineData("10/Oct/2000:13:55:36 -0700", "10/Oct/3000:13:55:36 -0700")]   // year (first digit)
    [InlineData("10/Oct/2000:13:55:36 -0700", "10/Oct/2000:14:55:36 -0700")]   // hour
    [InlineData("10/Oct/2000:13:55:36 -0700", "10/Oct/2000:13:54:36 -0700")]   // minute, first digit the same
    [InlineData("10/Oct/2000:13:55:36 -0700", "10/Oct/2000:13:45:36 -0700")]   // minute, second digit the same
    [InlineData("10/Oct/2000:13:55:36 -0700", "10/Oct/2000:13:55:36 +0700")]   // offset sign
    [InlineData("10/Oct/2000:13:55:36 -0700", "10/Oct/2000:13:55:36 -0730")]   // offset minutes
    [InlineData("10/Oct/2000:13:55:36 -0700", "10/Oct/2000:13:55:3x -0700")]   // bad seconds
    [InlineData("10/Oct/2000:13:55:36 -0700", "10/Oct/2000:13:55:60 -0700")]   // seconds out of range
    public void A_stamp_after_another_parses_as_it_would_alone(string first, string second)
    {
        var cache = new ClfTimeCache();
        Assert.True(cache.TryParse(Encoding.ASCII.GetBytes(first), out _, out _));

        bool cached = cache.TryParse(Encoding.ASCII.GetBytes(second), out long seconds, out short offset);
        bool alone = ClfTimestamp.TryParse(Encoding.ASCII.GetBytes(second), out long expected, out short expectedOffset);

        Assert.Equal(alone, cached);
        if (alone) Assert.Equal((expected, expectedOffset), (seconds, offset));
    }

    [Fact]
    public void A_day_of_seconds_in_order_parses_exactly()
    {
        var cache = new ClfTimeCache();
        var start = new DateTimeOffset(2026, 2, 28, 23, 0, 0, TimeSpan.FromHours(5.5));
        for (int i = 0; i < 7200; i += 7)
        {
            var t = start.AddSeconds(i);
            string stamp = t.ToString("dd/MMM/yyyy:HH:mm:ss ", CultureInfo.InvariantCulture) + "+0530";

            Assert.True(cache.TryParse(Encoding.ASCII.GetBytes(stamp), out long seconds, out short offset), stamp);
            Assert.Equal((t.ToUnixTimeSeconds(), (short)330), (seconds, offset));
        }
    }
}

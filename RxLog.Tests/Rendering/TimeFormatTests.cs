using RxLog.Rendering;

namespace RxLog.Tests.Rendering;

public class TimeFormatTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 10, 3, 41, TimeSpan.Zero);

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(1, "1s")]
    [InlineData(45, "45s")]
    [InlineData(60, "1m0s")]
    [InlineData(220, "3m40s")]
    [InlineData(900, "15m0s")]
    [InlineData(3600, "1h0m0s")]
    [InlineData(3605, "1h0m5s")]
    [InlineData(176400, "49h0m0s")]
    [InlineData(-90, "-1m30s")]
    public void Durations_are_written_as_Go_writes_them(long seconds, string expected)
    {
        Assert.Equal(expected, TimeFormat.Duration(seconds));
    }

    [Fact]
    public void TimeSpan_durations_drop_fractions()
    {
        Assert.Equal("2m5s", TimeFormat.Duration(TimeSpan.FromSeconds(125.9)));
        Assert.Equal("-2562047788015215h30m8s", TimeFormat.Duration(long.MinValue));
    }

    [Fact]
    public void Iso_keeps_the_offset_the_time_carries()
    {
        Assert.Equal("2026-01-01T10:03:41+00:00", TimeFormat.Iso(T0));
        Assert.Equal("2026-01-01T13:33:41+03:30", TimeFormat.Iso(T0.ToOffset(TimeSpan.FromMinutes(210))));
        Assert.Equal("2026-01-01T02:03:41-08:00", TimeFormat.Iso(T0.ToOffset(TimeSpan.FromHours(-8))));
    }

    [Fact]
    public void Ranges_write_the_date_and_offset_once()
    {
        Assert.Equal("2026-01-01 10:03:41 → 10:03:51 +00:00", TimeFormat.Range(T0, T0.AddSeconds(10)));
        var late = new DateTimeOffset(2026, 1, 1, 23, 59, 50, TimeSpan.Zero);
        Assert.Equal("2026-01-01 23:59:50 → 2026-01-02 00:00:00 +00:00", TimeFormat.Range(late, late.AddSeconds(10)));
        var plus2 = late.ToOffset(TimeSpan.FromHours(2));
        Assert.Equal("2026-01-01 23:59:50 +00:00 → 2026-01-02 02:00:00 +02:00", TimeFormat.Range(late, plus2.AddSeconds(10)));
    }

    [Theory]
    [InlineData(2026, 1, 1, 10, 3, 41, 0)]
    [InlineData(1, 1, 1, 0, 0, 0, 0)]
    [InlineData(9999, 12, 31, 23, 59, 59, 14 * 60)]
    [InlineData(1995, 8, 1, 0, 0, 7, -4 * 60)]
    [InlineData(2016, 1, 10, 13, 5, 0, 5 * 60 + 30)]     // IST
    [InlineData(2016, 1, 10, 13, 5, 0, -(9 * 60 + 30))]  // Marquesas
    [InlineData(2016, 1, 10, 13, 5, 0, -30)]             // a half hour west of UTC: -00:30, not +00:30
    public void Json_times_are_written_digit_by_digit_exactly_as_the_iso_pattern_writes_them(
        int year, int month, int day, int hour, int minute, int second, int offsetMinutes)
    {
        var time = new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.FromMinutes(offsetMinutes))
            .AddTicks(9_999_999 * (second % 2));   // a fraction of a second is never written
        Span<byte> buffer = stackalloc byte[40];

        int length = TimeFormat.WriteIso(time, buffer);

        Assert.Equal(TimeFormat.Iso(time), System.Text.Encoding.ASCII.GetString(buffer[..length]));
    }
}

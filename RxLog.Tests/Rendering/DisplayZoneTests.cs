using RxLog.Rendering;

namespace RxLog.Tests.Rendering;

public class DisplayZoneTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("UTC", "UTC", "2026-01-01T10:00:00+00:00")]
    [InlineData("utc", "UTC", "2026-01-01T10:00:00+00:00")]
    [InlineData("Z", "UTC", "2026-01-01T10:00:00+00:00")]
    [InlineData("+00:00", "UTC", "2026-01-01T10:00:00+00:00")]
    [InlineData("+05:30", "+05:30", "2026-01-01T15:30:00+05:30")]
    [InlineData("-0800", "-08:00", "2026-01-01T02:00:00-08:00")]
    [InlineData("+1400", "+14:00", "2026-01-02T00:00:00+14:00")]
    [InlineData("-12", "-12:00", "2025-12-31T22:00:00-12:00")]
    [InlineData("+3", "+03:00", "2026-01-01T13:00:00+03:00")]
    [InlineData("Asia/Tehran", "Asia/Tehran", "2026-01-01T13:30:00+03:30")]
    [InlineData("America/New_York", "America/New_York", "2026-01-01T05:00:00-05:00")]
    public void Zones_parse_and_convert(string text, string name, string expected)
    {
        Assert.True(DisplayZone.TryParse(text, out DisplayZone zone, out string error), error);
        Assert.Equal("", error);
        Assert.Equal(name, zone.Name);
        Assert.Equal(expected, TimeFormat.Iso(zone.Convert(T0)));
    }

    [Fact]
    public void An_IANA_zone_follows_daylight_saving()
    {
        Assert.True(DisplayZone.TryParse("Europe/Paris", out DisplayZone zone, out _));
        Assert.Null(zone.FixedOffset);
        Assert.Equal("2026-07-01T12:00:00+02:00", TimeFormat.Iso(zone.Convert(new DateTimeOffset(2026, 7, 1, 10, 0, 0, TimeSpan.Zero))));
        Assert.Equal("2026-01-01T11:00:00+01:00", TimeFormat.Iso(zone.Convert(T0)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("garbage")]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("+25:00")]
    [InlineData("+14:01")]
    [InlineData("+05:60")]
    [InlineData("+5:30")]
    [InlineData("+05:3")]
    [InlineData("+0a:00")]
    [InlineData("++05")]
    [InlineData("../../../etc/passwd")]
    [InlineData("UTC+5")]
    public void Garbage_gives_one_line_error(string? text)
    {
        Assert.False(DisplayZone.TryParse(text, out _, out string error));
        Assert.StartsWith("--tz: ", error);
        Assert.Contains("+05:30", error);
        Assert.DoesNotContain('\n', error);
    }

    [Fact]
    public void Hostile_zone_text_is_sanitised_in_the_error()
    {
        Assert.False(DisplayZone.TryParse("\u001b]0;x\u0007", out _, out string error));
        Assert.Equal(@"--tz: unknown time zone '\x1b]0;x\x07'; expected an IANA zone name (Europe/Paris), UTC, Z, or an offset like +05:30 or -0800", error);
    }
}

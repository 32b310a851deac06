using System.Globalization;
using System.Text;
using RxLog.Parsing;
using RxLog.Tests.Support;

namespace RxLog.Tests.Parsing;

public class ClfTimestampTests
{
    [Theory]
    [InlineData("10/Oct/2000:13:55:36 -0700", "2000-10-10T13:55:36-07:00")]
    [InlineData("22/Jan/2019:03:56:14 +0330", "2019-01-22T03:56:14+03:30")]
    [InlineData("07/Mar/2004:16:05:49 -0800", "2004-03-07T16:05:49-08:00")]
    [InlineData("01/Aug/1995:00:00:01 -0400", "1995-08-01T00:00:01-04:00")]
    [InlineData("17/May/2015:10:05:03 +0000", "2015-05-17T10:05:03+00:00")]
    [InlineData("31/Dec/2025:23:59:59 +1400", "2025-12-31T23:59:59+14:00")]
    [InlineData("01/Jan/2026:00:00:00 -1200", "2026-01-01T00:00:00-12:00")]
    [InlineData("01/Jan/1970:00:00:00 +0000", "1970-01-01T00:00:00+00:00")]
    [InlineData("31/Dec/1969:23:59:59 +0000", "1969-12-31T23:59:59+00:00")]
    [InlineData("01/Jan/2099:00:00:00 +0000", "2099-01-01T00:00:00+00:00")]
    [InlineData("29/Feb/2000:12:00:00 +0000", "2000-02-29T12:00:00+00:00")]
    [InlineData("29/Feb/2024:12:00:00 +0545", "2024-02-29T12:00:00+05:45")]
    [InlineData("01/jan/2024:00:00:00 +0000", "2024-01-01T00:00:00+00:00")]
    [InlineData("01/DEC/2024:00:00:00 +0000", "2024-12-01T00:00:00+00:00")]
    public void A_valid_timestamp_gives_unix_seconds_and_its_offset(string text, string iso)
    {
        var expected = DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture);

        bool ok = ClfTimestamp.TryParse(Encoding.ASCII.GetBytes(text), out long seconds, out short offset);

        Assert.Equal((true, expected.ToUnixTimeSeconds(), (short)expected.Offset.TotalMinutes), (ok, seconds, offset));
    }

    [Theory]
    [InlineData("31/Feb/2000:13:55:36 -0700")]
    [InlineData("30/Feb/2000:13:55:36 -0700")]
    [InlineData("29/Feb/1900:13:55:36 -0700")]
    [InlineData("29/Feb/2023:13:55:36 -0700")]
    [InlineData("31/Apr/2000:13:55:36 -0700")]
    [InlineData("32/Jan/2000:13:55:36 -0700")]
    [InlineData("00/Jan/2000:13:55:36 -0700")]
    [InlineData("10/Oct/2000:25:61:00 -0700")]
    [InlineData("10/Oct/2000:24:00:00 -0700")]
    [InlineData("10/Oct/2000:13:60:00 -0700")]
    [InlineData("10/Oct/2000:13:55:60 -0700")]
    [InlineData("10/Foo/2000:13:55:36 -0700")]
    [InlineData("10/10/2000:13:55:36 -0700")]
    [InlineData("10/Oct/0000:13:55:36 -0700")]
    [InlineData("10/Oct/2000:13:55:36 +1401")]
    [InlineData("10/Oct/2000:13:55:36 -1500")]
    [InlineData("10/Oct/2000:13:55:36 +0060")]
    [InlineData("10/Oct/2000:13:55:36 *0000")]
    [InlineData("10/Oct/2000:13:55:36 0700")]
    [InlineData("10/Oct/2000 13:55:36 -0700")]
    [InlineData("1/Oct/2000:13:55:36 -0700 ")]
    [InlineData("10/Oct/2000:13:55:36")]
    [InlineData("2000-10-10T13:55:36-07:00")]
    [InlineData("01/Jan/0001:00:00:00 +0100")]
    [InlineData("31/Dec/9999:23:59:59 -0100")]
    [InlineData("")]
    public void An_impossible_or_malformed_timestamp_is_rejected(string text)
    {
        Assert.False(ClfTimestamp.TryParse(Encoding.ASCII.GetBytes(text), out _, out _));
    }

    [Fact]
    public void The_timestamp_cache_gives_the_new_time_when_the_timestamp_changes()
    {
        var parser = new CommonLogParser();
        string[] stamps =
        [
            "10/Oct/2000:13:55:36 -0700",
            "10/Oct/2000:13:55:36 -0700",
            "10/Oct/2000:13:55:37 -0700",
            "10/Oct/2000:13:55:37 +0000",
            "10/Oct/2000:13:55:36 -0700",
            "31/Feb/2000:13:55:36 -0700",
            "10/Oct/2000:13:55:36 -0700",
            "10/Oct/2000:13:56:36 -0700",
            "10/Oct/2000:13:56:6x -0700",
            "10/Oct/2000:13:56:60 -0700",
            "10/Oct/2000:13:56:59 -0700",
            "11/Oct/2000:13:56:59 -0700",
        ];

        var actual = stamps
            .Select(stamp => parser.TryParse(LogLines.Utf8(LogLines.Clf(time: stamp)), out LogRecord r) ? (r.Second, r.OffsetMinutes) : (-1L, (short)0))
            .ToArray();

        long t = LogLines.TimeSeconds;
        (long, short)[] expected = [(t, -420), (t, -420), (t + 1, -420), (t + 1 - 7 * 3600, 0), (t, -420), (-1, 0), (t, -420),
            (t + 60, -420), (-1, 0), (-1, 0), (t + 83, -420), (t + 83 + 86_400, -420)];
        Assert.Equal(expected, actual);
    }
}

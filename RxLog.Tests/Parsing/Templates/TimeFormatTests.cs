using RxLog.Parsing.Templates;
using RxLog.Tests.Support;

namespace RxLog.Tests.Parsing.Templates;

public class TimeFormatTests
{
    private static (long, short)? Parse(string format, string text) =>
        TimeFormat.Parse(format).TryParse(LogLines.Utf8(text), out long seconds, out short offset) ? (seconds, offset) : null;

    [Theory]
    [InlineData("clf", "10/Oct/2000:13:55:36 -0700", -420)]
    [InlineData(null, "[10/Oct/2000:13:55:36 -0700]", -420)]
    [InlineData("iso8601", "2000-10-10T13:55:36-07:00", -420)]
    [InlineData("iso8601", "2000-10-10 20:55:36.123456Z", 0)]
    [InlineData("iso8601", "2000-10-10T22:25:36+0130", 90)]
    [InlineData("iso8601", "2000-10-10T20:55:36", 0)]
    [InlineData("epoch", "971211336", 0)]
    [InlineData("epoch", "971211336.999", 0)]
    [InlineData("epoch_ms", "971211336123", 0)]
    [InlineData("%d/%b/%Y:%H:%M:%S %z", "10/Oct/2000:13:55:36 -0700", -420)]
    [InlineData("%Y-%m-%d %H:%M:%S", "2000-10-10 20:55:36", 0)]
    [InlineData("%Y-%m-%dT%H:%M:%S%z", "2000-10-10T13:55:36-07:00", -420)]
    [InlineData("%Y-%m-%dT%H:%M:%S.%f%z", "2000-10-10T20:55:36.5Z", 0)]
    [InlineData("%FT%T %Z", "2000-10-10T20:55:36 GMT", 0)]
    [InlineData("%D %I:%M:%S %p", "10/10/00 08:55:36 PM", 0)]
    [InlineData("%a, %e %B %Y %T %z", "Tuesday,  10 October 2000 13:55:36 -0700", -420)]
    [InlineData("%Y%m%d%H%M%S", "20001010205536", 0)]
    [InlineData("%s", "971211336", 0)]
    [InlineData("%s.%N", "971211336.123456789", 0)]
    [InlineData("100%% %h %d %Y %H:%M:%S", "100% oct 10 2000 20:55:36", 0)]
    public void A_time_format_reads_the_example_time_in_its_own_zone_or_utc(string? format, string text, short offset)
    {
        Assert.Equal((LogLines.TimeSeconds, offset), Parse(format!, text));
    }

    [Theory]
    [InlineData("clf", "10/Oct/2000:13:55:36")]
    [InlineData("iso8601", "2000-10-10")]
    [InlineData("iso8601", "2000-13-10T20:55:36Z")]
    [InlineData("epoch", "-5")]
    [InlineData("epoch", "1e9")]
    [InlineData("%Y-%m-%d %H:%M:%S", "2000-10-10 20:55:36 extra")]
    [InlineData("%Y-%m-%d %H:%M:%S", "2000-02-30 20:55:36")]
    [InlineData("%Y-%m-%d %H:%M:%S", "2000-10-10 24:00:00")]
    [InlineData("%Y-%m-%d %H:%M:%S %Z", "2000-10-10 20:55:36 CET")]
    [InlineData("%Y-%m-%d %H:%M:%S %z", "2000-10-10 20:55:36 +1500")]
    [InlineData("%d/%b/%Y", "10/Foo/2000")]
    [InlineData("%I:%M %p %F", "13:00 PM 2000-10-10")]
    public void Text_that_is_not_a_time_in_the_format_is_refused(string format, string text)
    {
        Assert.Null(Parse(format, text));
    }

    [Theory]
    [InlineData("rfc822", "unknown time format 'rfc822' (use clf, iso8601, epoch, epoch_ms or a strftime pattern such as %Y-%m-%d %H:%M:%S)")]
    [InlineData("%j %Y", "unsupported strftime directive %j in time format '%j %Y'")]
    [InlineData("%H:%M:%S", "the time format '%H:%M:%S' gives no full date (it needs a year, a month and a day, or %s)")]
    [InlineData("%Y-%m-%d %", "the time format ends with a lone '%'")]
    public void An_unusable_time_format_is_refused_with_one_line(string format, string message)
    {
        Assert.Equal(message, Assert.Throws<FormatException>(() => TimeFormat.Parse(format)).Message);
    }

    [Fact]
    public void A_strftime_pattern_parses_bytes_directly()
    {
        var pattern = StrftimeTime.Compile("%d/%b/%Y:%H:%M:%S %z");

        bool parsed = pattern.TryParse("10/Oct/2000:13:55:36 -0700"u8, out long seconds, out short offset);

        Assert.Equal((true, LogLines.TimeSeconds, (short)-420), (parsed, seconds, offset));
    }
}

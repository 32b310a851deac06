using System.Text;
using RxLog.Generation;

namespace RxLog.Tests.Generation;

public class LogGeneratorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static byte[] Bytes(GeneratorOptions o)
    {
        using var stream = new MemoryStream();
        LogGenerator.WriteTo(o, stream);
        return stream.ToArray();
    }

    [Fact]
    public void Same_options_give_identical_bytes()
    {
        var o = new GeneratorOptions { Duration = TimeSpan.FromMinutes(2), Profile = TrafficProfile.Burst };

        Assert.Equal(Bytes(o), Bytes(o with { }));
    }

    [Fact]
    public void Different_seeds_give_different_bytes()
    {
        var o = new GeneratorOptions { Lines = 1000 };

        Assert.NotEqual(Bytes(o), Bytes(o with { Seed = 2 }));
    }

    [Fact]
    public void The_default_output_does_not_change_between_versions()
    {
        // A fingerprint of the documented default run: the generator promises the same bytes forever.
        var first = LogGenerator.Generate(new GeneratorOptions()).First().Text;

        Assert.Equal(
            "126.66.76.141 - bob [01/Jan/2026:00:00:00 +0000] \"GET /static/css/app.css HTTP/2.0\" 200 12019 \"-\" " +
            "\"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36\"",
            first);
    }

    [Fact]
    public void WriteTo_writes_the_lines_Generate_yields()
    {
        var o = new GeneratorOptions { Lines = 5000 };
        var expected = string.Concat(LogGenerator.Generate(o).Select(l => l.Text + "\n"));

        Assert.Equal(expected, Encoding.UTF8.GetString(Bytes(o)));
    }

    [Theory]
    [InlineData(0L, TrafficProfile.Steady)]
    [InlineData(1L, TrafficProfile.Steady)]
    [InlineData(7L, TrafficProfile.Steady)]
    [InlineData(12345L, TrafficProfile.Steady)]
    [InlineData(30000L, TrafficProfile.Burst)]
    public void Lines_N_gives_exactly_N_lines(long n, TrafficProfile profile)
    {
        var o = new GeneratorOptions { Lines = n, Profile = profile };

        Assert.Equal(n, Bytes(o).Count(b => b == (byte)'\n'));
        Assert.Equal(n, LogGenerator.Generate(o).LongCount());
    }

    [Fact]
    public void With_both_lines_and_duration_the_first_limit_reached_stops_the_run()
    {
        var byTime = LogGenerator.Generate(new GeneratorOptions { Lines = 100000, Duration = TimeSpan.FromSeconds(10) }).ToList();
        var byLines = LogGenerator.Generate(new GeneratorOptions { Lines = 100, Duration = TimeSpan.FromHours(1) }).ToList();

        Assert.InRange(byTime.Count, 120, 280);
        Assert.True(byTime[^1].Time < T0.AddSeconds(10));
        Assert.Equal(100, byLines.Count);
    }

    [Fact]
    public void Lines_beyond_one_cycle_repeat_the_burst_schedule_in_time()
    {
        // 10-minute cycles at a mean of 12.5/s hold ~7500 lines; 30000 lines need about four of them.
        var last = LogGenerator.Generate(new GeneratorOptions { Lines = 30000, Profile = TrafficProfile.Burst }).Last();

        Assert.InRange(last.Time - T0, TimeSpan.FromMinutes(35), TimeSpan.FromMinutes(45));
    }

    [Theory]
    [InlineData(GeneratedFormat.Common)]
    [InlineData(GeneratedFormat.Combined)]
    public void Every_line_has_the_format_shape_and_its_own_timestamp(GeneratedFormat format)
    {
        var lines = LogGenerator.Generate(new GeneratorOptions { Lines = 20000, Format = format }).ToList();

        var bad = lines.Where(l => LineShape.Fields(l.Text, format) is not { } f || f[2] != LineShape.Clf(l.Time)).ToList();
        Assert.Empty(bad);
    }

    [Fact]
    public void Common_lines_are_combined_lines_without_referer_and_agent()
    {
        var combined = LogGenerator.Generate(new GeneratorOptions { Lines = 2000 });
        var common = LogGenerator.Generate(new GeneratorOptions { Lines = 2000, Format = GeneratedFormat.Common });

        Assert.Equal(common.Select(l => l.Text),
            combined.Select(l => l.Text[..l.Text.IndexOf(" \"", l.Text.IndexOf("\" ", StringComparison.Ordinal), StringComparison.Ordinal)]));
    }

    [Fact]
    public void Content_is_varied_like_real_traffic()
    {
        var fields = LogGenerator.Generate(new GeneratorOptions { Lines = 50000 })
            .Select(l => LineShape.Fields(l.Text, GeneratedFormat.Combined)!).ToList();

        Assert.InRange(fields.Select(f => f[0]).Distinct().Count(), 200, 400);
        Assert.Contains(fields, f => f[0].Contains(':', StringComparison.Ordinal));
        Assert.InRange(fields.Count(f => f[1] == "-") / (double)fields.Count, 0.9, 0.99);
        Assert.InRange(fields.Count(f => f[3] == "GET") / (double)fields.Count, 0.85, 0.97);
        Assert.Equal(["DELETE", "GET", "HEAD", "POST", "PUT"], fields.Select(f => f[3]).Distinct().Order(StringComparer.Ordinal));
        Assert.InRange(fields.Count(f => f[6] == "200") / (double)fields.Count, 0.75, 0.9);
        Assert.Equal(["200", "201", "301", "304", "404", "500", "503"], fields.Select(f => f[6]).Distinct().Order(StringComparer.Ordinal));
        Assert.All(fields.Where(f => f[6] == "304"), f => Assert.Equal("-", f[7]));
        Assert.InRange(fields.Select(f => Section(f[4])).Distinct().Count(), 10, 14);
        Assert.Contains(fields, f => f[4].Contains('?', StringComparison.Ordinal));
        Assert.True(fields.Count(f => f[5] == "HTTP/1.1") > fields.Count / 2);
    }

    [Fact]
    public void Timestamps_are_whole_seconds_non_decreasing_from_Start_in_its_offset()
    {
        var start = new DateTimeOffset(2025, 6, 30, 23, 59, 0, TimeSpan.FromHours(5.5)).AddMilliseconds(700);
        var o = new GeneratorOptions { Start = start, Duration = TimeSpan.FromSeconds(90) };

        var times = LogGenerator.Generate(o).Select(l => l.Time).ToList();

        Assert.Equal(start.AddMilliseconds(-700), times[0]);
        Assert.All(times, t => Assert.Equal(TimeSpan.FromHours(5.5), t.Offset));
        Assert.All(times.Zip(times.Skip(1)), p => Assert.True(p.First <= p.Second));
        Assert.True(times[^1] < times[0].AddSeconds(90));
        Assert.EndsWith("[30/Jun/2025:23:59:00 +0530]", LogGenerator.Generate(o).First().Text.Split(" \"")[0]);
    }

    [Theory]
    [InlineData(20.0, 600)]
    [InlineData(0.5, 3600)]
    [InlineData(3.7, 600)]
    [InlineData(5000.0, 60)]
    public void Steady_profile_averages_the_rate(double rate, int seconds)
    {
        var o = new GeneratorOptions { Rate = rate, Duration = TimeSpan.FromSeconds(seconds) };

        long hits = Bytes(o).Count(b => b == (byte)'\n');

        double expected = rate * seconds;
        Assert.InRange(hits, expected - 4 * Math.Sqrt(expected), expected + 4 * Math.Sqrt(expected));
    }

    [Fact]
    public void Default_run_lasts_ten_minutes_at_twenty_hits_per_second()
    {
        var lines = LogGenerator.Generate(new GeneratorOptions()).ToList();

        Assert.Equal(T0, lines[0].Time);
        Assert.Equal(T0.AddSeconds(599), lines[^1].Time);
        Assert.InRange(lines.Count, 12000 * 0.97, 12000 * 1.03);
    }

    [Fact]
    public void Per_second_counts_are_Poisson_like()
    {
        var counts = LogGenerator.Generate(new GeneratorOptions { Duration = TimeSpan.FromHours(1) })
            .GroupBy(l => l.Time).Select(g => (double)g.Count()).ToList();

        double mean = counts.Average();
        double variance = counts.Sum(c => (c - mean) * (c - mean)) / counts.Count;
        Assert.InRange(mean, 19.7, 20.3);
        Assert.InRange(variance, 17, 23);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_rate_that_is_not_positive_and_finite_is_refused(double rate)
    {
        var o = new GeneratorOptions { Rate = rate };

        Assert.NotNull(o.Validate());
        Assert.Throws<ArgumentException>(() => LogGenerator.WriteTo(o, Stream.Null));
    }

    [Fact]
    public void Negative_lines_and_empty_duration_are_refused()
    {
        Assert.NotNull(new GeneratorOptions { Lines = -1 }.Validate());
        Assert.NotNull(new GeneratorOptions { Duration = TimeSpan.Zero }.Validate());
        Assert.Null(new GeneratorOptions().Validate());
    }

    private static string Section(string path)
    {
        int q = path.IndexOf('?', StringComparison.Ordinal);
        if (q >= 0)
            path = path[..q];
        int slash = path.IndexOf('/', 1);
        return slash < 0 ? path : path[..slash];
    }
}

using System.Reactive.Concurrency;
using System.Text;
using RxLog.Generation;

namespace RxLog.Tests.Generation;

public class FollowTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private sealed class Run : IDisposable
    {
        public readonly HistoricalScheduler Clock;
        public readonly MemoryStream Output = new();
        public int Values;
        public bool Completed;
        public Exception? Error;
        private readonly IDisposable _subscription;

        public Run(GeneratorOptions o, DateTimeOffset start, Stream? output = null)
        {
            Clock = new HistoricalScheduler(start);
            _subscription = LogGenerator.Follow(o, output ?? Output, Clock)
                .Subscribe(_ => Values++, e => Error = e, () => Completed = true);
        }

        public string[] Lines => Encoding.UTF8.GetString(Output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        public void Dispose() => _subscription.Dispose();
    }

    [Fact]
    public void Each_second_writes_lines_stamped_with_the_virtual_time()
    {
        using var run = new Run(new GeneratorOptions(), T0);
        var stamps = new List<string>();

        for (int i = 1; i <= 3; i++)
        {
            int before = run.Lines.Length;
            run.Clock.AdvanceBy(TimeSpan.FromSeconds(1));
            stamps.AddRange(run.Lines.Skip(before).Select(l => Stamp(l) == LineShape.Clf(run.Clock.Now) ? "now" : Stamp(l)));
        }

        Assert.All(stamps, s => Assert.Equal("now", s));
        Assert.Equal(
            [LineShape.Clf(T0.AddSeconds(1)), LineShape.Clf(T0.AddSeconds(2)), LineShape.Clf(T0.AddSeconds(3))],
            run.Lines.Select(Stamp).Distinct());
        Assert.False(run.Completed);
    }

    [Fact]
    public void Followed_lines_are_the_batch_lines_of_the_same_seconds()
    {
        var o = new GeneratorOptions { Seed = 9, Format = GeneratedFormat.Common, Profile = TrafficProfile.Burst };
        using var run = new Run(o, T0);

        run.Clock.AdvanceBy(TimeSpan.FromSeconds(3));

        // Lines, not Duration, bounds the batch: a duration would also set the burst cycle's length.
        var batch = LogGenerator.Generate(o with { Start = T0.AddSeconds(1), Lines = run.Lines.Length }).ToList();
        Assert.Equal(batch.Select(l => l.Text), run.Lines);
        Assert.Equal(T0.AddSeconds(3), batch[^1].Time);
    }

    [Fact]
    public void First_write_waits_for_the_next_whole_second()
    {
        using var run = new Run(new GeneratorOptions(), T0.AddMilliseconds(400));

        run.Clock.AdvanceBy(TimeSpan.FromMilliseconds(599));
        Assert.Empty(run.Lines);

        run.Clock.AdvanceBy(TimeSpan.FromMilliseconds(1));
        Assert.NotEmpty(run.Lines);
        Assert.All(run.Lines, l => Assert.Equal(LineShape.Clf(T0.AddSeconds(1)), Stamp(l)));
    }

    [Fact]
    public void Duration_stops_after_that_many_seconds_and_completes_once()
    {
        using var run = new Run(new GeneratorOptions { Duration = TimeSpan.FromSeconds(5) }, T0);

        run.Clock.AdvanceBy(TimeSpan.FromSeconds(60));

        Assert.Equal(5, run.Lines.Select(Stamp).Distinct().Count());
        Assert.Equal(LineShape.Clf(T0.AddSeconds(5)), Stamp(run.Lines[^1]));
        Assert.Equal((1, true, null), (run.Values, run.Completed, run.Error));
    }

    [Fact]
    public void Lines_stops_after_exactly_that_many_lines()
    {
        using var run = new Run(new GeneratorOptions { Lines = 50 }, T0);

        run.Clock.AdvanceBy(TimeSpan.FromSeconds(60));

        Assert.Equal(50, run.Lines.Length);
        Assert.Equal((1, true, null), (run.Values, run.Completed, run.Error));
    }

    [Fact]
    public void Disposing_stops_the_writes()
    {
        var run = new Run(new GeneratorOptions(), T0);
        run.Clock.AdvanceBy(TimeSpan.FromSeconds(2));
        int written = run.Lines.Length;

        run.Dispose();
        run.Clock.AdvanceBy(TimeSpan.FromSeconds(5));

        Assert.Equal(written, run.Lines.Length);
    }

    [Fact]
    public void A_closed_output_completes_quietly()
    {
        using var run = new Run(new GeneratorOptions(), T0, new BrokenPipe());

        run.Clock.AdvanceBy(TimeSpan.FromSeconds(5));

        Assert.Equal((1, true, null), (run.Values, run.Completed, run.Error));
    }

    private static string Stamp(string line)
    {
        int open = line.IndexOf('[', StringComparison.Ordinal);
        return line[(open + 1)..line.IndexOf(']', open)];
    }

    private sealed class BrokenPipe : MemoryStream
    {
        public override void Write(byte[] buffer, int offset, int count) => throw new IOException("Broken pipe");
    }
}

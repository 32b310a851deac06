using RxLog.Generation;

namespace RxLog.Tests.Generation;

public class BurstProfileTests
{
    private const int Window = 120;
    private const int Threshold = 10;

    private static readonly GeneratorOptions Burst = new() { Profile = TrafficProfile.Burst };

    [Fact]
    public void Default_burst_schedule_is_calm_burst_calm_over_ten_minutes()
    {
        Assert.Equal(
            [
                new TrafficPhase(TimeSpan.Zero, TimeSpan.FromSeconds(180), 5),
                new TrafficPhase(TimeSpan.FromSeconds(180), TimeSpan.FromSeconds(180), 30),
                new TrafficPhase(TimeSpan.FromSeconds(360), TimeSpan.FromSeconds(240), 5),
            ],
            LogGenerator.Phases(Burst));
    }

    [Fact]
    public void Steady_schedule_is_one_phase_at_the_rate()
    {
        Assert.Equal([new TrafficPhase(TimeSpan.Zero, TimeSpan.FromMinutes(3), 7.5)],
            LogGenerator.Phases(new GeneratorOptions { Rate = 7.5, Duration = TimeSpan.FromMinutes(3) }));
    }

    [Fact]
    public void Burst_phases_scale_with_the_duration_and_tile_it()
    {
        var phases = LogGenerator.Phases(Burst with { Duration = TimeSpan.FromSeconds(1001), Rate = 8 });

        Assert.Equal([300, 300, 401], phases.Select(p => (int)p.Length.TotalSeconds));
        Assert.Equal([2.0, 12.0, 2.0], phases.Select(p => p.Rate));
        Assert.All(phases.Zip(phases.Skip(1)), p => Assert.Equal(p.First.End, p.Second.Start));
    }

    [Theory]
    [InlineData(1UL)]
    [InlineData(2UL)]
    [InlineData(3UL)]
    [InlineData(42UL)]
    [InlineData(20260101UL)]
    public void Default_burst_alerts_once_during_the_burst_and_recovers_before_the_end(ulong seed)
    {
        var o = Burst with { Seed = seed };
        var phases = LogGenerator.Phases(o);
        var hits = HitsPerSecond(o, 600);

        var (alerts, recoveries, averages) = Evaluate(hits);

        var alert = Assert.Single(alerts);
        var recovery = Assert.Single(recoveries);
        Assert.InRange(alert, phases[1].Start.TotalSeconds + 1, phases[1].End.TotalSeconds);
        Assert.InRange(recovery, phases[2].Start.TotalSeconds + 1, 599);
        // Well clear of the threshold on both sides: calm under it, the burst's end far over it.
        Assert.True(averages.Take((int)phases[1].Start.TotalSeconds).Max() < Threshold * 0.8);
        Assert.True(averages[(int)phases[1].End.TotalSeconds - 1] > 2 * Threshold);
        Assert.True(averages[^1] < Threshold * 0.8);
    }

    [Theory]
    [InlineData(20.0, 300)]
    [InlineData(20.0, 3600)]
    [InlineData(9.0, 600)]
    [InlineData(36.0, 600)]
    public void Burst_alerts_once_and_recovers_across_the_documented_rates_and_durations(double rate, int seconds)
    {
        var o = Burst with { Rate = rate, Duration = TimeSpan.FromSeconds(seconds) };

        var (alerts, recoveries, _) = Evaluate(HitsPerSecond(o, seconds));

        Assert.Equal((1, 1), (alerts.Count, recoveries.Count));
        Assert.True(alerts[0] < recoveries[0]);
    }

    [Fact]
    public void Default_burst_alerts_and_recovers_near_the_times_the_schedule_predicts()
    {
        var (alerts, recoveries, _) = Evaluate(HitsPerSecond(Burst, 600));

        // Expected from the phase means alone: alert ~24 s into the burst, recovery ~96 s after it.
        Assert.InRange(Assert.Single(alerts), 180 + 24 - 15, 180 + 24 + 15);
        Assert.InRange(Assert.Single(recoveries), 360 + 96 - 15, 360 + 96 + 15);
    }

    private static int[] HitsPerSecond(GeneratorOptions o, int seconds)
    {
        var hits = new int[seconds];
        foreach (var line in LogGenerator.Generate(o))
            hits[(int)(line.Time - o.Start).TotalSeconds]++;
        return hits;
    }

    // CONTRACT.md "Alerts": avg(b) = hits in [b − W, b) / W at every boundary b, alert on > T, recover on < T.
    private static (List<int> Alerts, List<int> Recoveries, double[] Averages) Evaluate(int[] hits)
    {
        var alerts = new List<int>();
        var recoveries = new List<int>();
        var averages = new double[hits.Length];
        bool alerting = false;
        long total = 0;
        for (int b = 1; b <= hits.Length; b++)
        {
            total += hits[b - 1] - (b - 1 - Window >= 0 ? hits[b - 1 - Window] : 0);
            double avg = total / (double)Window;
            averages[b - 1] = avg;
            if (!alerting && avg > Threshold)
            {
                alerting = true;
                alerts.Add(b);
            }
            else if (alerting && avg < Threshold)
            {
                alerting = false;
                recoveries.Add(b);
            }
        }
        return (alerts, recoveries, averages);
    }
}

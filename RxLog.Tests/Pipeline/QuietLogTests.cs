using System.Globalization;
using System.Reactive.Concurrency;
using System.Reactive.Linq;
using RxLog.Parsing;
using RxLog.Pipeline;
using RxLog.Tests.Support;
using static RxLog.Tests.Support.Records;

namespace RxLog.Tests.Pipeline;

/// <summary>A quiet day through <c>check</c>'s whole log-time pipeline: the alerts of a second-by-second evaluation,
/// to the second, at the cost of the lines (CONTRACT.md "Alerts" and "Clocks").</summary>
public class QuietLogTests
{
    private const int Window = 120;
    private const double Threshold = 0.2;   // more than 24 hits in the window raises, fewer than 24 recovers
    private const long Day = 86_400;
    private const long SilenceFrom = 60_000, SilenceTo = 72_000;   // 3 h 20 min without a line

    private static readonly MonitorSettings Settings = new(Threshold, Window, IntervalSeconds: 10, Top: 3);

    /// <summary>One hit every 30 s for a day, silent from <see cref="SilenceFrom"/> to <see cref="SilenceTo"/>; 10 hits
    /// a second in 43201..43203 (noon), and 3 a second in 59990..59999, just before the silence.</summary>
    private static List<ParsedLine> QuietDay()
    {
        var lines = new List<ParsedLine>();
        for (long s = 0; s < Day; s++)
        {
            if (s % 30 == 0 && (s < SilenceFrom || s >= SilenceTo)) lines.Add(Hit(s, "/quiet"));
            if (s is >= 43_201 and <= 43_203) lines.AddRange(Hits(s, 10, "/noon"));
            if (s is >= 59_990 and <= 59_999) lines.AddRange(Hits(s, 3, "/dusk"));
        }
        return lines;
    }

    /// <summary>CONTRACT.md "Alerts" as written: every boundary from first + 1 to last + 1, the window's integer total
    /// over the hits per second, raise above T, recover below T, equality changes nothing.</summary>
    private static List<string> SecondBySecond(IReadOnlyList<ParsedLine> lines, int window, double threshold)
    {
        var hits = new Dictionary<long, long>();
        long first = lines[0].Record.Second, newest = first;
        foreach (var line in lines)
        {
            newest = Math.Max(newest, line.Record.Second);
            hits[newest] = hits.GetValueOrDefault(newest) + 1;
        }

        var events = new List<string>();
        bool alerting = false;
        long raisedAt = 0, total = 0;
        for (long b = first + 1; b <= newest + 1; b++)
        {
            total += hits.GetValueOrDefault(b - 1) - hits.GetValueOrDefault(b - 1 - window);
            double average = (double)total / window;
            long at = b - T0Seconds;
            string avg = average.ToString("0.####", CultureInfo.InvariantCulture);
            if (!alerting && average > threshold)
            {
                (alerting, raisedAt) = (true, b);
                events.Add($"@{at} alert {at} hits={total} avg={avg}");
            }
            else if (alerting && average < threshold)
            {
                alerting = false;
                events.Add($"@{at} recovered {at} hits={total} avg={avg} after={b - raisedAt}");
            }
        }
        return events;
    }

    private static bool IsAlert(string e) => e.Contains(" alert ", StringComparison.Ordinal)
                                             || e.Contains(" recovered ", StringComparison.Ordinal);

    [Fact]
    public void The_reference_model_finds_the_alerts_worked_out_by_hand()
    {
        // Noon: 4 quiet hits + 30 at 43204 (24 at 43203 is equality); 43201 leaves at 43322 (24 again), 43202 at
        // 43323 (14). Dusk: 4 + 7 × 3 = 25 at 59997; the quiet hits have left by 60091, and 8 × 3 = 24 at 60112.
        Assert.Equal(new[]
        {
            "@43204 alert 43204 hits=34 avg=0.2833",
            "@43323 recovered 43323 hits=14 avg=0.1167 after=119",
            "@59997 alert 59997 hits=25 avg=0.2083",
            "@60113 recovered 60113 hits=21 avg=0.175 after=116",
        }, SecondBySecond(QuietDay(), Window, Threshold));
    }

    [Fact]
    public void A_quiet_day_gives_exactly_the_alerts_and_recoveries_of_a_second_by_second_evaluation()
    {
        var lines = QuietDay();

        var events = LogTimeRun.Events(Settings, lines);

        Assert.Equal(SecondBySecond(lines, Window, Threshold), events.Where(IsAlert));
    }

    [Fact]
    public void A_recovery_comes_at_its_exact_second_inside_a_long_gap_of_the_log()
    {
        var events = LogTimeRun.Events(Settings, QuietDay());

        var recovery = events.Where(IsAlert).Last();
        long at = long.Parse(recovery[1..recovery.IndexOf(' ')], CultureInfo.InvariantCulture);

        // No line was read between 59999 and 72000; the summary still ends at the last line's second + 1.
        Assert.Equal(("@60113 recovered 60113 hits=21 avg=0.175 after=116", true, $"@{Day - 29} summary 0..{Day - 29}"),
            (recovery, at is > 60_000 and < SilenceTo, string.Join(' ', events[^1].Split(' ').Take(3))));
    }

    [Fact]
    public void The_replay_closes_one_second_per_second_that_read_lines_not_one_per_second_of_the_day()
    {
        var lines = QuietDay();
        var scheduler = new HistoricalScheduler();

        var closed = lines.Select(line => ParsedBatch.Of(line)).ToObservable(ImmediateScheduler.Instance)
            .ReplayInLogTime(scheduler)
            .ToClosedSeconds(scheduler)
            .Select(second => second.Second - T0Seconds)
            .ToList().Wait();

        var secondsWithLines = lines.Select(line => line.Record.Second - T0Seconds).Distinct().ToList();
        Assert.Equal(secondsWithLines, closed);
        Assert.Equal(2_493, closed.Count);   // of the day's 86,400 seconds
    }

    [Fact]
    public void The_whole_pipeline_asks_the_clock_for_boundaries_in_proportion_to_the_lines_not_the_seconds()
    {
        var lines = QuietDay();
        var scheduler = new CountingScheduler();
        var recorder = new Recorder<MonitorEvent>(scheduler);

        using (MonitorPipeline.InLogTime(lines.Select(line => ParsedBatch.Of(line)).ToObservable(ImmediateScheduler.Instance),
                   Settings, scheduler).Subscribe(recorder))
        {
            Assert.NotNull(recorder.CompletedAt);
        }

        // Every boundary beyond the replay's own is a timer: the end of each report interval that read lines (2,481:
        // each quiet line in its own interval, and the dusk burst in one more), and, while alerting only, the next
        // second with hits to leave the window: 43110, 43140, 43170, 43200, 43201, 43202 at noon (6), 59880, 59910,
        // 59940, 59970, 59990, 59991, 59992 at dusk (7). Not the 86,371 boundaries of a second-by-second clock.
        Assert.Equal(2_481 + 6 + 7, scheduler.Scheduled);
    }

    /// <summary>A <see cref="HistoricalScheduler"/> that counts the work scheduled on it: in log time, only the
    /// boundaries the stages ask for (<see cref="ClockBoundaries.AskedFor"/>).</summary>
    private sealed class CountingScheduler : HistoricalScheduler
    {
        public int Scheduled { get; private set; }

        public override IDisposable ScheduleAbsolute<TState>(TState state, DateTimeOffset dueTime,
            Func<IScheduler, TState, IDisposable> action)
        {
            Scheduled++;
            return base.ScheduleAbsolute(state, dueTime, action);
        }
    }
}

using System.Globalization;
using System.Text.RegularExpressions;
using RxLog.Parsing;
using RxLog.Pipeline;
using RxLog.Tests.Support;
using static RxLog.Tests.Support.Records;

namespace RxLog.Tests.Pipeline;

/// <summary>Irregular logs (bursts, gaps of every length, late lines) through <c>check</c>'s log-time pipeline against a
/// second-by-second model of CONTRACT.md "Alerts" and "Reports": alerts, recoveries and each report's hits, avg and
/// alerting, to the second.</summary>
public partial class LogTimeModelTests
{
    /// <summary>A log from <paramref name="seed"/>: gaps from 0 s to a day, bursts, and late lines up to 5 min old.</summary>
    private static List<ParsedLine> IrregularLog(int seed)
    {
        var random = new Random(seed);
        var lines = new List<ParsedLine>();
        long now = 0;
        for (int i = 0; i < 400; i++)
        {
            now += random.Next(10) switch
            {
                < 5 => 0,
                < 8 => random.Next(1, 30),
                9 => random.Next(100, 5_000),
                _ => random.Next(30, 200),
            };
            int burst = random.Next(6) == 0 ? random.Next(5, 40) : 1;
            for (int j = 0; j < burst; j++)
                lines.Add(random.Next(12) == 0 ? Hit(Math.Max(0, now - random.Next(1, 300)), "/late") : Hit(now));
        }
        return lines;
    }

    /// <summary>Every boundary from first + 1 to last + 1 (last: the clamped clock); reports of the intervals that
    /// hold a hit, with avg and alerting at their end boundary (the last one's at last + 1).</summary>
    private static List<string> SecondBySecond(IReadOnlyList<ParsedLine> lines, MonitorSettings settings)
    {
        int window = settings.WindowSeconds, interval = settings.IntervalSeconds;
        var hits = new Dictionary<long, long>();
        long first = lines[0].Record.Second - T0Seconds, newest = first;
        foreach (var line in lines)
        {
            newest = Math.Max(newest, line.Record.Second - T0Seconds);
            hits[newest] = hits.GetValueOrDefault(newest) + 1;
        }

        var events = new List<string>();
        bool alerting = false;
        long raisedAt = 0, total = 0, reportHits = 0;
        for (long b = first + 1; b <= newest + 1; b++)
        {
            total += hits.GetValueOrDefault(b - 1) - hits.GetValueOrDefault(b - 1 - window);
            reportHits += hits.GetValueOrDefault(b - 1);
            double average = (double)total / window;
            string avg = average.ToString("0.####", CultureInfo.InvariantCulture);
            if (!alerting && average > settings.Threshold)
            {
                (alerting, raisedAt) = (true, b);
                events.Add($"@{b} alert {b} hits={total} avg={avg}");
            }
            else if (alerting && average < settings.Threshold)
            {
                alerting = false;
                events.Add($"@{b} recovered {b} hits={total} avg={avg} after={b - raisedAt}");
            }
            bool end = ((b % interval) + interval) % interval == 0;
            if ((end || b == newest + 1) && reportHits > 0)
            {
                long start = ReportInterval(b - 1, interval);
                events.Add($"@{b} report {start}..{start + interval} hits={reportHits} avg={avg} alerting={alerting}");
                reportHits = 0;
            }
            else if (end) reportHits = 0;
        }
        return events;
    }

    private static long ReportInterval(long second, int interval) => second - (((second % interval) + interval) % interval);

    [GeneratedRegex(@"^(@\S+ report \S+ hits=\d+) invalid=\d+ (avg=\S+ alerting=\S+)")]
    private static partial Regex ReportLine();

    /// <summary>The pipeline's alerts, recoveries and reports, reports cut to what the model computes.</summary>
    private static List<string> Pipeline(MonitorSettings settings, IEnumerable<ParsedLine> lines) =>
        LogTimeRun.Events(settings, lines)
            .Where(e => !e.Contains(" summary ", StringComparison.Ordinal))
            .Select(e => ReportLine().Match(e) is { Success: true } m ? $"{m.Groups[1].Value} {m.Groups[2].Value}" : e)
            .ToList();

    [Theory]
    [InlineData(1, 120, 0.1, 10)]
    [InlineData(2, 10, 1.0, 10)]
    [InlineData(3, 1, 2.0, 6)]   // intervals divide T0: the model aligns to T0, rxlog to the epoch
    [InlineData(4, 5, 0.5, 60)]
    [InlineData(5, 60, 0.2, 3600)]
    [InlineData(6, 120, 0.05, 1)]
    [InlineData(7, 30, 0.3, 15)]
    [InlineData(8, 300, 0.04, 300)]
    public void An_irregular_log_gives_the_alerts_and_reports_of_a_second_by_second_evaluation(int seed, int window,
        double threshold, int interval)
    {
        var settings = new MonitorSettings(threshold, window, interval, Top: 1);
        var lines = IrregularLog(seed);

        var model = SecondBySecond(lines, settings);

        Assert.Contains(model, e => e.Contains(" alert ", StringComparison.Ordinal));   // the log does exercise alerts
        Assert.Equal(model, Pipeline(settings, lines));
    }
}

using RxLog.Aggregation;
using RxLog.Alerting.Rules;
using RxLog.Parsing;

namespace RxLog.Tests.Alerting.Rules;

/// <summary>An independent model of CONTRACT.md "Rules", written from the text and nothing else: every boundary from
/// <c>first + 1</c> to <c>last + 1</c> evaluated one by one, each window counted from scratch by binary search over
/// the (clamped) hits. Slow and plain on purpose; the pipeline must agree with it event for event.</summary>
internal static class RulesModel
{
    private sealed record Hit(long Second, LogRecord Record);

    /// <summary>Every alert and recovery, as <c>"SECOND RULE alert|recovered"</c> (Unix seconds), in time order, rules in
    /// file order at one instant; the lines were read from <paramref name="source"/>.</summary>
    public static List<string> Events(IEnumerable<ParsedLine> lines, IReadOnlyList<AlertRule> rules, string? source = null)
    {
        var hits = new List<Hit>();
        long clock = long.MinValue;
        foreach (var line in lines)
        {
            if (line.Kind != LineKind.Record) continue;
            clock = Math.Max(clock, line.Record.Second);   // the clamped clock: a late line counts at the newest time
            hits.Add(new Hit(clock, line.Record));
        }
        var events = new List<(long B, int Rule, string Text)>();
        if (hits.Count == 0) return [];
        long first = hits[0].Second, last = clock;
        long[] all = hits.Select(h => h.Second).ToArray();   // ascending: clamped
        for (int r = 0; r < rules.Count; r++)
        {
            var rule = rules[r];
            var matcher = rule.Scope.Compile();
            var matching = hits.Where(h => matcher.Matches(h.Record, source)).ToArray();
            long[] matchingSeconds = matching.Select(h => h.Second).ToArray();
            bool alerting = false;
            long? since = null;
            for (long b = first + 1; b <= last + 1; b++)
            {
                long from = b - rule.WindowSeconds;
                var (raise, recover) = Condition(rule, b, first, from, all, matching, matchingSeconds);
                if (!alerting)
                {
                    if (!raise)
                    {
                        since = null;
                        continue;
                    }
                    since ??= b;
                    if (b - since.Value >= rule.ForSeconds)
                    {
                        alerting = true;
                        since = null;
                        events.Add((b, r, "alert"));
                    }
                }
                else if (recover)
                {
                    alerting = false;
                    events.Add((b, r, "recovered"));
                }
            }
        }
        return events.OrderBy(e => e.B).ThenBy(e => e.Rule)
            .Select(e => $"{e.B} {rules[e.Rule].Name} {e.Text}").ToList();
    }

    private static (bool Raise, bool Recover) Condition(AlertRule rule, long b, long first, long from, long[] all,
        Hit[] matching, long[] matchingSeconds)
    {
        long inWindow = Count(matchingSeconds, from, b);
        switch (rule.Kind)
        {
            case RuleKind.Rate:
            {
                double rate = (double)inWindow / rule.WindowSeconds;
                return (rate > rule.Threshold, rate < rule.Threshold);
            }
            case RuleKind.Ratio:
            {
                long total = Count(all, from, b);
                if (total < rule.MinHits || total == 0) return (false, false);
                double ratio = (double)inWindow / total;
                return (ratio > rule.Threshold, ratio < rule.Threshold);
            }
            case RuleKind.Latency:
            {
                int lo = Lower(matchingSeconds, from), hi = Lower(matchingSeconds, b);
                var times = matching[lo..hi].Where(h => h.Record.HasDuration).Select(h => h.Record.DurationMicros).Order().ToArray();
                if (times.Length < rule.MinHits || times.Length == 0) return (false, false);
                long rank = Math.Max(1, (long)Math.Ceiling(rule.Percentile * times.Length / 100));
                // "As reports compute it": the nearest-rank value, shown as the middle of its histogram bucket.
                var bucket = new ResponseTimeHistogram();
                bucket.Add(times[rank - 1]);
                double p = bucket.Percentile(100);
                return (p > rule.Threshold, p < rule.Threshold);
            }
            default:
            {
                if (b < first + rule.WindowSeconds) return (false, false);
                bool none = inWindow == 0;
                return (none, !none);
            }
        }
    }

    private static long Count(long[] seconds, long from, long to) => Lower(seconds, to) - Lower(seconds, from);

    // The first index whose second is >= value.
    private static int Lower(long[] seconds, long value)
    {
        int lo = 0, hi = seconds.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) / 2;
            if (seconds[mid] < value) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}

using RxLog.Aggregation;

namespace RxLog.Tests.Aggregation;

public class TopKeysTests
{
    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 1)]
    [InlineData(3, 10)]
    [InlineData(4, 5_000)]
    public void The_kept_keys_are_the_first_of_a_full_sort_in_report_order(int seed, int keys)
    {
        var random = new Random(seed);
        // Few distinct hit counts, so ties (broken by ordinal key order) are everywhere.
        KeyCount[] all = Enumerable.Range(0, keys)
            .Select(i => new KeyCount($"/k{random.Next(keys * 2)}-{i}", random.Next(1, 6), i)).ToArray();
        foreach (int top in new[] { 1, 5, 10, keys + 3 })
        {
            var best = new TopKeys(top);
            foreach (var key in all) best.Offer(key);

            KeyCount[] sorted = [.. all.OrderByDescending(k => k.Hits).ThenBy(k => k.Key, StringComparer.Ordinal).Take(top)];
            Assert.Equal(sorted, best.ToArray());
        }
    }
}

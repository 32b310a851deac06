using RxLog.Aggregation;
using RxLog.Parsing;
using RxLog.Tests.Support;

namespace RxLog.Tests.Aggregation;

public class TrafficAccumulatorTests
{
    private const int Cap = TrafficAccumulator.ExactSectionCap;

    private static void Hit(TrafficAccumulator accumulator, string? section, int times = 1)
    {
        var record = new LogRecord(0, 0, section, 200, 10);
        for (int i = 0; i < times; i++)
        {
            accumulator.Add(record);
        }
    }

    private static string[] Names(string prefix, int count) =>
        Enumerable.Range(0, count).Select(i => $"/{prefix}{i}").ToArray();

    private static SectionCount[] ExactTop(Dictionary<string, long> truth) =>
        truth.Select(kv => new SectionCount(kv.Key, kv.Value))
            .OrderByDescending(s => s.Hits).ThenBy(s => s.Section, StringComparer.Ordinal).ToArray();

    // Every listed count is an upper bound, over by at most N / cap; every section above N / cap is listed.
    private static void AssertSpaceSavingBounds(TrafficAccumulator accumulator, Dictionary<string, long> truth)
    {
        long bound = accumulator.Hits / Cap;
        var listed = accumulator.TopSections(int.MaxValue).ToDictionary(s => s.Section, s => s.Hits);
        Assert.Equal(Cap, listed.Count);
        foreach (var (section, count) in listed)
        {
            long exact = truth.GetValueOrDefault(section);
            Assert.True(count >= exact, $"{section}: count {count} under the true {exact}");
            Assert.True(count - exact <= bound, $"{section}: count {count} over the true {exact} by more than {bound}");
        }

        foreach (var (section, exact) in truth.Where(kv => kv.Value > bound))
        {
            Assert.True(listed.ContainsKey(section), $"{section} with {exact} > {bound} hits is missing");
        }
    }

    [Fact]
    public void Exactly_the_cap_of_distinct_sections_stays_exact()
    {
        var accumulator = new TrafficAccumulator();
        var truth = new Dictionary<string, long>(StringComparer.Ordinal);
        string[] names = Names("s", Cap);
        for (int i = 0; i < names.Length; i++)
        {
            int times = 1 + i % 7;
            Hit(accumulator, names[i], times);
            truth[names[i]] = times;
        }

        Hit(accumulator, names[42], 3); // a repeat at the cap stays exact
        truth[names[42]] += 3;
        Hit(accumulator, null);

        Assert.False(accumulator.Approximate);
        Assert.Equal(ExactTop(truth), accumulator.TopSections(int.MaxValue));
        Assert.Equal(ExactTop(truth)[..10], accumulator.TopSections(10));
    }

    [Fact]
    public void The_first_new_section_past_the_cap_makes_the_interval_approximate_and_keeps_earlier_counts()
    {
        var accumulator = new TrafficAccumulator();
        Hit(accumulator, "/hot", 50);
        foreach (string name in Names("s", Cap - 1))
        {
            Hit(accumulator, name);
        }

        Hit(accumulator, "/new");

        Assert.True(accumulator.Approximate);
        Assert.Equal(Cap + 50, accumulator.Hits);
        Assert.Equal([new SectionCount("/hot", 50), new SectionCount("/new", 2)], accumulator.TopSections(2));
    }

    [Fact]
    public void A_late_heavy_hitter_is_found_on_top_within_the_error_bound()
    {
        var accumulator = new TrafficAccumulator();
        var truth = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (string name in Names("early", Cap))
        {
            Hit(accumulator, name);
            truth[name] = 1;
        }

        string[] late = Names("late", 20_000);
        for (int i = 0; i < late.Length; i++)
        {
            Hit(accumulator, late[i]);
            truth[late[i]] = 1;
            if (i % 4 == 0)
            {
                Hit(accumulator, "/hot");
            }
        }

        truth["/hot"] = 5_000;

        Assert.True(accumulator.Approximate);
        var top = accumulator.TopSections(3);
        Assert.Equal("/hot", top[0].Section);
        Assert.InRange(top[0].Hits, 5_000, 5_000 + accumulator.Hits / Cap);
        AssertSpaceSavingBounds(accumulator, truth);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(2026)]
    public void Every_section_above_N_over_k_is_listed_on_a_skewed_random_stream(int seed)
    {
        const int universe = 100_000;
        const int hits = 300_000;
        var random = new Random(seed);
        string[] names = Names("z", universe);
        var accumulator = new TrafficAccumulator();
        var truth = new Dictionary<string, long>(StringComparer.Ordinal);
        for (int i = 0; i < hits; i++)
        {
            // P(rank < r) = (r / universe)^(1/3): a few hundred sections carry far more than N / k hits.
            string name = names[(int)(universe * Math.Pow(random.NextDouble(), 3))];
            Hit(accumulator, name);
            truth[name] = truth.GetValueOrDefault(name) + 1;
            if (i % 10 == 0)
            {
                Hit(accumulator, null); // hits without a section count in N too
            }
        }

        Assert.True(accumulator.Approximate);
        Assert.True(truth.Count(kv => kv.Value > accumulator.Hits / Cap) > 100);
        AssertSpaceSavingBounds(accumulator, truth);
        var top = accumulator.TopSections(10);
        Assert.Equal(ExactTop(truth)[0].Section, top[0].Section);
        Assert.True(top.Zip(top.Skip(1)).All(p =>
            p.First.Hits > p.Second.Hits || (p.First.Hits == p.Second.Hits && string.CompareOrdinal(p.First.Section, p.Second.Section) < 0)));
    }

    [Fact]
    public void Counts_are_never_under_the_true_count_when_sections_are_evicted_and_come_back()
    {
        var accumulator = new TrafficAccumulator();
        var truth = new Dictionary<string, long>(StringComparer.Ordinal);
        string[] names = Names("r", 2 * Cap + 3);
        for (int round = 0; round < 5; round++)
        {
            foreach (string name in names)
            {
                Hit(accumulator, name);
                truth[name] = truth.GetValueOrDefault(name) + 1;
            }
        }

        Assert.True(accumulator.Approximate);
        AssertSpaceSavingBounds(accumulator, truth);
    }

    [Fact]
    public void Approximate_counting_allocates_nothing_per_hit()
    {
        var accumulator = new TrafficAccumulator();
        string[] names = Names("q", 3 * Cap);
        foreach (string name in names)
        {
            Hit(accumulator, name); // past the cap: the Space-Saving counters exist from here on
        }

        long allocated = Allocations.FewestInPasses(3, () =>
        {
            for (int i = 0; i < names.Length; i++)
            {
                Hit(accumulator, names[(i * 7919) % names.Length]);
                Hit(accumulator, "/hot");
            }
        });

        Assert.Equal((true, 0L), (accumulator.Approximate, allocated));
    }

    [Fact]
    public void Reset_returns_to_exact_counting()
    {
        var accumulator = new TrafficAccumulator();
        foreach (string name in Names("a", Cap + 1))
        {
            Hit(accumulator, name);
        }

        Assert.True(accumulator.Approximate);

        accumulator.Reset();
        Assert.False(accumulator.Approximate);
        Assert.True(accumulator.IsEmpty);
        Assert.Empty(accumulator.TopSections(10));

        var truth = new Dictionary<string, long>(StringComparer.Ordinal);
        string[] names = Names("b", Cap);
        for (int i = 0; i < names.Length; i++)
        {
            Hit(accumulator, names[i], 1 + i % 3);
            truth[names[i]] = 1 + i % 3;
        }

        Assert.False(accumulator.Approximate);
        Assert.Equal(ExactTop(truth), accumulator.TopSections(int.MaxValue));

        Hit(accumulator, "/late", 100); // overflows again, reusing the counters
        truth["/late"] = 100;
        Assert.True(accumulator.Approximate);
        Assert.Equal("/late", accumulator.TopSections(1)[0].Section);
        Assert.DoesNotContain(accumulator.TopSections(int.MaxValue), s => s.Section.StartsWith("/a", StringComparison.Ordinal));
        AssertSpaceSavingBounds(accumulator, truth);
    }
}

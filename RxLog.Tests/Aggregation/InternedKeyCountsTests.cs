using RxLog.Aggregation;

namespace RxLog.Tests.Aggregation;

/// <summary>A parsing worker counts sections and clients by their intern entry (<see cref="InternedKeyCounts"/>) and
/// drains them into the interval's counter: the counts must be those of counting each hit by key.</summary>
public class InternedKeyCountsTests
{
    private static Dictionary<string, (long Hits, long Bytes)> Drained(InternedKeyCounts counts)
    {
        var counter = new TopCounter(int.MaxValue, keysByReference: true);
        counts.DrainInto(counter);
        return counter.Top(int.MaxValue).ToDictionary(k => k.Key, k => (k.Hits, k.Bytes));
    }

    [Fact]
    public void Hits_and_bytes_per_entry_drain_into_the_counter_and_leave_nothing_behind()
    {
        var counts = new InternedKeyCounts();
        Assert.True(counts.TryAdd(0, "/api", 100));
        Assert.True(counts.TryAdd(7, "/static", 5));
        Assert.True(counts.TryAdd(0, "/api", 20));

        Assert.Equal(new Dictionary<string, (long, long)> { ["/api"] = (2, 120), ["/static"] = (1, 5) }, Drained(counts));
        Assert.Empty(Drained(counts));
    }

    [Fact]
    public void An_entry_holding_another_string_refuses_it_until_drained()
    {
        // The parser's table started over: entry 3 now stands for another value (or another instance of the same).
        var counts = new InternedKeyCounts();
        string before = "/pages", after = new string("/pages".AsSpan());
        Assert.True(counts.TryAdd(3, before, 10));

        Assert.False(counts.TryAdd(3, after, 1));
        Assert.False(counts.TryAdd(3, "/other", 1));
        Assert.Equal((1L, 10L), Drained(counts)["/pages"]);
        Assert.True(counts.TryAdd(3, "/other", 1));
        Assert.Equal((1L, 1L), Drained(counts)["/other"]);
    }

    [Fact]
    public void Entries_far_past_the_first_arrays_grow_them_and_clear_forgets_everything()
    {
        var counts = new InternedKeyCounts();
        var interned = new Dictionary<int, string>();   // one instance per entry, as an intern table hands them out
        for (int entry = 0; entry < 50_000; entry += 7)
        {
            interned[entry] = $"10.0.{entry / 256}.{entry % 256}";
            Assert.True(counts.TryAdd(entry, interned[entry], entry));
        }
        Assert.True(counts.TryAdd(49_994, interned[49_994], 6));

        var drained = Drained(counts);
        Assert.Equal(7_143, drained.Count);
        Assert.Equal((2L, 50_000L), drained["10.0.195.74"]);

        counts.TryAdd(1, "/x", 1);
        counts.Clear();
        Assert.Empty(Drained(counts));
        Assert.True(counts.TryAdd(1, "/y", 1));   // the entry is free again
    }
}

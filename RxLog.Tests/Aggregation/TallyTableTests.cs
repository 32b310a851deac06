using RxLog.Aggregation;

namespace RxLog.Tests.Aggregation;

public class TallyTableTests
{
    private static Dictionary<string, (long Hits, long Bytes)> Contents(TallyTable table) =>
        table.Entries().ToDictionary(e => e.Key, e => (e.Hits, e.Bytes));

    [Fact]
    public void Equal_keys_count_together_whether_or_not_they_are_the_same_instance()
    {
        var table = new TallyTable(100);
        string a = "/api";
        string b = new('/', 1);
        b += "api";   // equal to a, another instance

        table.TryAdd(a, 10);
        table.TryAdd(b, 5);
        table.TryAdd("/x", 1);

        Assert.Equal(new Dictionary<string, (long, long)> { ["/api"] = (2, 15), ["/x"] = (1, 1) }, Contents(table));
    }

    [Fact]
    public void Thousands_of_keys_survive_growing_and_a_full_table_refuses_only_new_keys()
    {
        var table = new TallyTable(5_000);
        for (int round = 0; round < 3; round++)
        {
            for (int i = 0; i < 5_000; i++) Assert.True(table.TryAdd($"10.0.{i / 256}.{i % 256}", i));
        }

        Assert.False(table.TryAdd("192.0.2.1", 1));
        Assert.True(table.TryAdd("10.0.0.7", 1));
        var contents = Contents(table);
        Assert.Equal(5_000, contents.Count);
        Assert.Equal((3L, 3 * 4_999L), contents["10.0.19.135"]);
        Assert.Equal((4L, 3 * 7L + 1), contents["10.0.0.7"]);
    }

    [Fact]
    public void Clear_forgets_every_key_and_the_table_is_usable_again()
    {
        var table = new TallyTable(1_000);
        for (int i = 0; i < 1_000; i++) table.TryAdd("/k" + i, 1);

        table.Clear();

        Assert.Equal(0, table.Count);
        Assert.Empty(table.Entries());
        for (int i = 0; i < 1_000; i++) Assert.True(table.TryAdd("/n" + i, 2));
        Assert.Equal((1L, 2L), Contents(table)["/n999"]);
        Assert.False(Contents(table).ContainsKey("/k1"));
    }
}

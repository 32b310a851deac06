using RxLog.Aggregation;
using RxLog.Parsing;

namespace RxLog.Tests.Aggregation;

public class TopClientsTests
{
    private const int Cap = TrafficAccumulator.ExactSectionCap;

    private static LogRecord From(string? client, long bytes) => new(0, 0, "/a", 200, bytes, Client: client);

    [Fact]
    public void Clients_are_ranked_by_hits_then_address_with_the_bytes_sent_to_each()
    {
        var accumulator = new TrafficAccumulator();
        accumulator.Add(From("10.0.0.2", 100));
        accumulator.Add(From("10.0.0.1", 5_000));
        accumulator.Add(From("10.0.0.2", 250));
        accumulator.Add(From("10.0.0.3", 1));
        accumulator.Add(From(null, 999));   // "-": a hit, but nobody's

        Assert.Equal(
            [new ClientCount("10.0.0.2", 2, 350), new ClientCount("10.0.0.1", 1, 5_000)],
            accumulator.TopClients(2));
        Assert.Equal(5, accumulator.Hits);
        Assert.Equal(4, accumulator.HitsWithClient);
        Assert.False(accumulator.ClientsApproximate);
    }

    [Fact]
    public void A_scan_from_more_clients_than_the_cap_is_approximate_and_still_finds_the_heavy_client()
    {
        var accumulator = new TrafficAccumulator();
        for (int i = 0; i < 3 * Cap; i++)
        {
            accumulator.Add(From($"198.51.{i / 256}.{i % 256}", 10));   // one hit each, 30,000 clients
            if (i % 10 == 0) accumulator.Add(From("203.0.113.9", 1_000));
        }

        Assert.True(accumulator.ClientsApproximate);
        Assert.False(accumulator.Approximate);          // one section: the sections stay exact
        ClientCount top = accumulator.TopClients(1)[0];
        Assert.Equal("203.0.113.9", top.Client);
        long truth = 3 * Cap / 10;
        Assert.InRange(top.Hits, truth, truth + accumulator.HitsWithClient / Cap);
        Assert.InRange(top.Bytes, 1_000, truth * 1_000);    // bytes: a lower bound once approximate
    }

    [Fact]
    public void Reset_forgets_the_clients()
    {
        var accumulator = new TrafficAccumulator();
        accumulator.Add(From("10.0.0.1", 1));
        accumulator.Reset();

        Assert.Empty(accumulator.TopClients(5));
        Assert.Equal(0, accumulator.HitsWithClient);
    }
}

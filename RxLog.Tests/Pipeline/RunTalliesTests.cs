using RxLog.Aggregation;
using RxLog.Parsing;
using RxLog.Pipeline;

namespace RxLog.Tests.Pipeline;

/// <summary>Tallies the workers fill ahead are used again once counted: one given back must count as a new one would.</summary>
public class RunTalliesTests
{
    [Fact]
    public void A_tally_given_back_counts_from_nothing_when_taken_again()
    {
        // A pool of its own: the shared ones are taken from and given back to by tests running at the same time.
        var pool = new TallyPool(() => new TrafficAccumulator(int.MaxValue, keysByReference: true), RunTallies.MaxKept);
        var used = pool.Take();
        used.Add(new LogRecord(10, 0, "/pages", 503, 512, DurationMicros: 2_000, Client: "192.0.2.7"));
        used.Add(new LogRecord(10, 0, "/api", 200, 64, LogRecord.NoDuration, Client: "192.0.2.8"));
        used.AddInvalidLine("torn line");

        pool.GiveBack(used);
        Assert.Same(used, pool.Take());

        Assert.Equal((0L, 0L, 0L, 0L, (string?)null, 0L), (used.Hits, used.Bytes, used.Invalid, used.HitsWithClient,
            used.FirstInvalidText, used.ResponseTimes.Count));
        Assert.Equal(new StatusMix(0, 0, 0, 0, 0), used.Status);
        Assert.Empty(used.TopSections(10));
        Assert.Empty(used.TopClients(10));

        // And it counts as a new one: the same key again is one hit, not three.
        used.Add(new LogRecord(20, 0, "/pages", 200, 1, LogRecord.NoDuration, Client: "192.0.2.7"));
        Assert.Equal([new SectionCount("/pages", 1)], used.TopSections(10));
        Assert.Equal([new ClientCount("192.0.2.7", 1, 1)], used.TopClients(10));
    }
}

using System.Reactive;
using System.Reactive.Concurrency;
using System.Reactive.Subjects;
using RxLog.Parsing;
using RxLog.Pipeline;
using RxLog.Tests.Support;
using static RxLog.Tests.Support.Records;

namespace RxLog.Tests.Pipeline;

/// <summary>Live modes: a record counts in the second it arrives, every second is decided and every interval
/// reported, idle ones included — checked on virtual time, to the second.</summary>
public class WallTimeTests
{
    private static readonly MonitorSettings Small = new(Threshold: 1, WindowSeconds: 10, IntervalSeconds: 10, Top: 3);

    private static (HistoricalScheduler Clock, IObserver<ParsedLine> Lines, Recorder<MonitorEvent> Events) Start()
    {
        var clock = new HistoricalScheduler(T0.AddMilliseconds(500));
        var batches = new Subject<ParsedBatch>();
        var events = new Recorder<MonitorEvent>(clock);
        MonitorPipeline.InWallTime(batches, Small, clock).Subscribe(events);
        return (clock, Observer.Create<ParsedLine>(line => batches.OnNext(ParsedBatch.Of(line)), batches.OnError,
            batches.OnCompleted), events);
    }

    private static List<string> Described(Recorder<MonitorEvent> events) =>
        events.Values.Select(v => LogTimeRun.Describe(v.Value)).ToList();

    [Fact]
    public void Lines_count_in_the_second_they_arrive_whatever_their_own_timestamp()
    {
        var (clock, lines, events) = Start();
        clock.AdvanceTo(At(3).AddMilliseconds(200));
        for (int i = 0; i < 11; i++) lines.OnNext(Hit(-100_000));   // a line dated a day earlier still counts now
        clock.AdvanceTo(At(10));

        Assert.Equal(new[]
        {
            "alert 4 hits=11 avg=1.1",
            "report 0..10 hits=11 invalid=0 avg=1.1 alerting=True /api:11",
        }, Described(events));
    }

    [Fact]
    public void Idle_intervals_are_reported_and_an_alert_recovers_with_no_input_at_all()
    {
        var (clock, lines, events) = Start();
        clock.AdvanceTo(At(1).AddMilliseconds(1));
        for (int i = 0; i < 11; i++) lines.OnNext(Hit(0));
        clock.AdvanceTo(At(30));

        Assert.Equal(new[]
        {
            "alert 2 hits=11 avg=1.1",
            "report 0..10 hits=11 invalid=0 avg=1.1 alerting=True /api:11",
            "recovered 12 hits=0 avg=0 after=10",
            "report 10..20 hits=0 invalid=0 avg=0 alerting=False",
            "report 20..30 hits=0 invalid=0 avg=0 alerting=False",
        }, Described(events));
    }

    [Fact]
    public void End_of_input_gives_the_last_partial_report_and_the_summary()
    {
        var (clock, lines, events) = Start();
        clock.AdvanceTo(At(12).AddMilliseconds(300));
        lines.OnNext(Hit(0, "/a"));
        lines.OnNext(Bad());
        clock.AdvanceTo(At(14).AddMilliseconds(100));
        lines.OnCompleted();

        Assert.Equal(new[]
        {
            "report 0..10 hits=0 invalid=0 avg=0 alerting=False",
            "report 10..20 hits=1 invalid=1 avg=0.1 alerting=False /a:1",
            "summary 12..13 hits=1 invalid=1 alerts=0 alerting=False",
        }, Described(events));
        Assert.NotNull(events.CompletedAt);
    }
}

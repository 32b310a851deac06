using System.Reactive.Concurrency;
using System.Threading.Channels;
using RxLog.Serving;
using RxLog.Tests.Rendering;

namespace RxLog.Tests.Serving;

/// <summary><c>GET /events</c>'s frames: each event as <c>--json</c> writes it, numbered; a reconnecting client resumes
/// after its last id; a client that does not read is dropped and counted, never waited for; heartbeats on virtual time.</summary>
public class EventFeedTests
{
    private static List<string> Drain(ChannelReader<string> reader)
    {
        var frames = new List<string>();
        while (reader.TryRead(out var frame)) frames.Add(frame);
        return frames;
    }

    [Fact]
    public void Each_event_is_one_numbered_frame_named_by_its_type_with_the_json_line_as_data()
    {
        var feed = new EventFeed();
        var client = feed.Subscribe(lastEventId: null);

        feed.OnEvent(Events.Report());
        feed.OnEvent(Events.Alert());
        feed.OnEvent(Events.Recovery());
        feed.OnEvent(Events.Summary());

        var frames = Drain(client);
        Assert.Equal(["report", "alert", "recovered", "summary"], frames.Select(f => f.Split('\n')[1]["event: ".Length..]));
        Assert.Equal(["id: 1", "id: 2", "id: 3", "id: 4"], frames.Select(f => f.Split('\n')[0]));
        Assert.All(frames, f => Assert.EndsWith("}\n\n", f));
        Assert.StartsWith("data: {\"type\":\"alert\",\"time\":\"2026-01-01T10:03:41+00:00\"", frames[1].Split('\n')[2]);
        Assert.All(frames, f => Assert.Equal(4, f.Split('\n').Length - 1));   // id, event, data, blank: one data line
    }

    [Fact]
    public void A_client_that_reconnects_with_its_last_id_resumes_after_it_and_a_new_one_gets_new_events_only()
    {
        var feed = new EventFeed();
        for (int i = 0; i < 5; i++) feed.OnEvent(Events.Report());

        var resumed = feed.Subscribe(lastEventId: 3);
        var fresh = feed.Subscribe(lastEventId: null);
        feed.OnEvent(Events.Summary());

        Assert.Equal(["id: 4", "id: 5", "id: 6"], Drain(resumed).Select(f => f.Split('\n')[0]));
        Assert.Equal(["id: 6"], Drain(fresh).Select(f => f.Split('\n')[0]));
    }

    [Fact]
    public void The_history_keeps_the_newest_thousand_and_counts_the_older()
    {
        var feed = new EventFeed();
        for (int i = 0; i < EventFeed.HistorySize + 7; i++) feed.OnEvent(Events.Report());

        var resumed = Drain(feed.Subscribe(lastEventId: 0));

        Assert.Equal(EventFeed.HistorySize, resumed.Count);
        Assert.Equal("id: 8", resumed[0].Split('\n')[0]);
        Assert.Equal(7, feed.OlderThanHistory);
    }

    [Fact]
    public void A_client_that_does_not_read_is_dropped_and_counted_while_one_that_reads_gets_everything()
    {
        var feed = new EventFeed();
        var stalled = feed.Subscribe(lastEventId: null);
        var reading = feed.Subscribe(lastEventId: null);
        int received = 0;

        for (int i = 0; i < EventFeed.HistorySize + EventFeed.ClientBuffer + 10; i++)
        {
            feed.OnEvent(Events.Report());
            received += Drain(reading).Count;
        }

        Assert.Equal(1, feed.DroppedClients);
        Assert.True(stalled.Completion.IsCompleted || Drain(stalled).Count > 0);
        Drain(stalled);
        Assert.True(stalled.Completion.IsCompleted);
        Assert.Equal(EventFeed.HistorySize + EventFeed.ClientBuffer + 10, received);
    }

    [Fact]
    public void Heartbeats_come_every_15_seconds_of_the_scheduler_as_a_comment()
    {
        var scheduler = new HistoricalScheduler();
        var feed = new EventFeed();
        var client = feed.Subscribe(lastEventId: null);
        using var heartbeats = feed.HeartbeatEvery(TimeSpan.FromSeconds(15), scheduler);

        scheduler.AdvanceBy(TimeSpan.FromSeconds(14));
        var before = Drain(client);
        scheduler.AdvanceBy(TimeSpan.FromSeconds(30));   // 44 s: ticks at 15 and 30, none at 45 yet

        Assert.Empty(before);
        Assert.Equal([EventFeed.HeartbeatFrame, EventFeed.HeartbeatFrame], Drain(client));
        Assert.Equal(": heartbeat\n\n", EventFeed.HeartbeatFrame);
    }
}

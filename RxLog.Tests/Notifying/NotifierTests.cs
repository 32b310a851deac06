using System.Reactive.Concurrency;
using System.Reactive.Linq;
using RxLog.Alerting;
using RxLog.Notifying;
using RxLog.Parsing;
using RxLog.Pipeline;
using RxLog.Rendering;
using RxLog.Tests.Support;
using static RxLog.Tests.Support.Records;

namespace RxLog.Tests.Notifying;

/// <summary>Notifications beside the monitor, on the virtual time of a replay: a sink that hangs changes no event of
/// the run, its tries come at the seconds the policy says, and what is left when rxlog stops is counted.</summary>
public class NotifierTests
{
    private static readonly MonitorSettings Settings = new(Threshold: 2, WindowSeconds: 10, IntervalSeconds: 10);

    // 50 hits in second 5 (avg 5/s over the 10 s window: an alert at 6), then one hit a second from 20 to 80: recovered
    // at 15 when second 5 leaves the window.
    private static IEnumerable<ParsedBatch> Traffic() =>
        Hits(5, 50).Concat(Enumerable.Range(20, 61).Select(s => Hit(s))).Select(line => ParsedBatch.Of(line));

    private sealed class HangingSink(IScheduler clock) : INotificationSink
    {
        public List<(double At, string Event)> Tries { get; } = new();
        public string Name => "hanging";
        public TimeSpan Timeout => TimeSpan.FromSeconds(10);

        public Task SendAsync(AlertNotice notice, CancellationToken cancel)
        {
            Tries.Add(((clock.Now - T0).TotalSeconds, notice.Event));
            return new TaskCompletionSource().Task;
        }
    }

    private sealed class Collecting : IMonitorView
    {
        public List<string> Events { get; } = new();
        public List<string> Notices { get; } = new();
        public void OnEvent(MonitorEvent monitorEvent) => Events.Add(LogTimeRun.Describe(monitorEvent));
        public void OnNotice(string message) => Notices.Add(message);
    }

    private static void Run(IMonitorView view, HistoricalScheduler clock) =>
        MonitorPipeline.InLogTime(Traffic().ToObservable(ImmediateScheduler.Instance), Settings, clock)
            .Do(view.OnEvent).LastAsync().Wait();

    [Fact]
    public void A_hanging_sink_changes_nothing_the_run_shows_and_is_tried_at_the_seconds_the_policy_says()
    {
        var alone = new Collecting();
        Run(alone, new HistoricalScheduler());

        var clock = new HistoricalScheduler();
        var sink = new HangingSink(clock);
        using var notifier = new Notifier([(sink, new DeliveryPolicy())], clock, zone: null);
        var shown = new Collecting();
        Run(notifier.Wrap(shown), clock);

        Assert.Equal(alone.Events, shown.Events);
        Assert.Contains("alert 6 hits=50 avg=5", shown.Events);
        // The alert at 6: tries at 6, 17 (10 s timeout + 1 s), 29 (+ 10 s + 2 s); the recovery at 15 waits its turn,
        // tried from 39 when the alert's last try is cut, and its last try is cut at 72, before the replay ends at 81.
        Assert.Equal([(6.0, "alert"), (17.0, "alert"), (29.0, "alert"), (39.0, "recovered"), (50.0, "recovered"),
            (62.0, "recovered")], sink.Tries);
        var queue = Assert.Single(notifier.Queues);
        Assert.Equal((0L, 2L, 4L), (queue.Delivered, queue.Failed, queue.Retries));
        Assert.Contains("hanging: alert high_traffic at 2026-01-01T10:00:06+00:00 not delivered: timed out after 10s",
            shown.Notices);   // said to the view with the next event, on the pipeline's thread
    }

    [Fact]
    public async Task Stopping_waits_five_seconds_for_what_is_queued_then_drops_it_and_says_so()
    {
        var clock = new HistoricalScheduler(T0);
        var sink = new HangingSink(clock);
        using var notifier = new Notifier([(sink, new DeliveryPolicy(Tries: 1))], clock, zone: null);
        var view = notifier.Wrap(new Collecting());
        view.OnEvent(new AlertRaised(T0, 50, 5, 2, 10));
        view.OnEvent(new AlertRecovered(T0.AddSeconds(1), 10, 1, 2, 10, 1));

        var draining = notifier.DrainAsync(Notifier.DrainTime);
        clock.AdvanceBy(TimeSpan.FromSeconds(4.9));
        Assert.False(draining.IsCompleted);
        clock.AdvanceBy(TimeSpan.FromSeconds(0.1));
        bool delivered = await draining.WaitAsync(HttpTestClient.Guard);

        Assert.False(delivered);
        Assert.Equal(["notifications: hanging: 0 delivered, 0 failed, 2 dropped"], notifier.SummaryLines());
    }

    private sealed class RecordingSink(IScheduler clock) : INotificationSink
    {
        public List<(double At, string Event, string Since, bool Resend)> Sent { get; } = new();
        public string Name => "recording";
        public TimeSpan Timeout => TimeSpan.FromSeconds(10);

        public Task SendAsync(AlertNotice notice, CancellationToken cancel)
        {
            Sent.Add(((clock.Now - T0).TotalSeconds, notice.Event, notice.Since, notice.Resend));
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task A_firing_alert_is_sent_again_every_minute_to_the_sinks_that_ask_until_it_recovers()
    {
        var clock = new HistoricalScheduler(T0);
        var alertmanager = new RecordingSink(clock);
        var hook = new RecordingSink(clock);
        using var notifier = new Notifier([(alertmanager, new DeliveryPolicy(ResendWhileFiring: TimeSpan.FromMinutes(1))),
            (hook, new DeliveryPolicy(Tries: 1))], clock, zone: null);
        var view = notifier.Wrap(new Collecting());

        clock.AdvanceBy(TimeSpan.FromSeconds(30));
        view.OnEvent(new AlertRaised(At(30), 500, 5, 2, 120));
        clock.AdvanceBy(TimeSpan.FromSeconds(120));   // to 150
        view.OnEvent(new AlertRecovered(At(150), 10, 1, 2, 120, DurationSeconds: 120));
        clock.AdvanceBy(TimeSpan.FromMinutes(5));
        await notifier.DrainAsync(Notifier.DrainTime);

        string raised = "2026-01-01T10:00:30+00:00";
        Assert.Equal([(30.0, "alert", raised, false), (60.0, "alert", raised, true), (120.0, "alert", raised, true),
            (150.0, "recovered", raised, false)], alertmanager.Sent);   // the recovery's startsAt is the alert's
        Assert.Equal([(30.0, "alert", raised, false), (150.0, "recovered", raised, false)], hook.Sent);
        Assert.Equal("notifications: recording: 2 delivered, 0 failed, 0 dropped (2 re-sent while firing)",
            notifier.SummaryLines().First());
        Assert.Equal((2L, 2L), notifier.Counts().Select(c => (c.Delivered, c.Resent)).First());   // /metrics, /api/status
    }

    [Fact]
    public void Reports_and_the_summary_are_not_notified_only_alerts_and_recoveries_of_every_rule()
    {
        var clock = new HistoricalScheduler(T0);
        var sink = new HangingSink(clock);
        using var notifier = new Notifier([(sink, new DeliveryPolicy(Tries: 1, Capacity: 10))], clock, zone: null);
        var view = notifier.Wrap(new Collecting());

        view.OnEvent(Tests.Rendering.Events.Report());
        view.OnEvent(Tests.Rendering.Events.Summary());
        Assert.Empty(sink.Tries);
        view.OnEvent(Tests.Rendering.Events.Alert());
        Assert.Equal([(0.0, "alert")], sink.Tries);
    }
}

using System.Reactive.Concurrency;
using RxLog.Notifying;
using RxLog.Tests.Rendering;
using RxLog.Tests.Support;

namespace RxLog.Tests.Notifying;

/// <summary>A sink's queue on virtual time: tries at the exact seconds the policy says, a bounded queue that drops the
/// oldest and counts it, and a pipeline that never waits for a sink.</summary>
public class SinkQueueTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private static AlertNotice Notice(int n) =>
        new("alert", "high_traffic", 12.5, 10, $"2026-01-01T10:00:{n % 60:00}+00:00", $"alert {n}", [], "{}");

    /// <summary>A sink whose every try is scripted by its number (0, 1, …): a completed task, a failure, or a task that
    /// never ends. It records when each try began, on the scheduler's clock, and which tries were cancelled.</summary>
    private sealed class ScriptedSink(IScheduler clock, Func<int, AlertNotice, Task> script) : INotificationSink
    {
        public List<(double At, string Notice)> Tries { get; } = new();
        public List<int> Cancelled { get; } = new();
        public string Name => "scripted";
        public TimeSpan Timeout => SinkQueueTests.Timeout;

        public Task SendAsync(AlertNotice notice, CancellationToken cancel)
        {
            int n = Tries.Count;
            Tries.Add(((clock.Now - Events.T0).TotalSeconds, notice.Message));
            cancel.Register(() => Cancelled.Add(n));
            return script(n, notice);
        }
    }

    private static Task Never => new TaskCompletionSource().Task;

    private static (SinkQueue Queue, ScriptedSink Sink, HistoricalScheduler Clock, List<string> Said) NewQueue(
        Func<int, AlertNotice, Task> script, DeliveryPolicy? policy = null)
    {
        var clock = new HistoricalScheduler(Events.T0);
        var sink = new ScriptedSink(clock, script);
        var said = new List<string>();
        return (new SinkQueue(sink, policy ?? new DeliveryPolicy(), clock, said.Add), sink, clock, said);
    }

    [Fact]
    public void A_webhook_answering_500_then_200_is_tried_again_one_second_later_and_counted_delivered()
    {
        var (queue, sink, clock, said) = NewQueue((n, _) => n == 0
            ? Task.FromException(new DeliveryFailedException("HTTP 500", retryable: true))
            : Task.CompletedTask);

        queue.Post(Notice(1));
        clock.AdvanceBy(TimeSpan.FromSeconds(30));

        Assert.Equal([0.0, 1.0], sink.Tries.Select(t => t.At));
        Assert.Equal((1L, 0L, 0L, 1L), (queue.Delivered, queue.Failed, queue.Dropped, queue.Retries));
        Assert.Empty(said);
    }

    [Fact]
    public void A_receiver_that_never_answers_is_tried_three_times_each_cut_at_its_timeout_with_doubling_backoff()
    {
        var (queue, sink, clock, said) = NewQueue((_, _) => Never);

        queue.Post(Notice(1));
        clock.AdvanceBy(TimeSpan.FromMinutes(5));

        // 0–10 s, then 1 s later 11–21 s, then 2 s later 23–33 s.
        Assert.Equal([0.0, 11.0, 23.0], sink.Tries.Select(t => t.At));
        Assert.Equal([0, 1, 2], sink.Cancelled);
        Assert.Equal((0L, 1L, 2L), (queue.Delivered, queue.Failed, queue.Retries));
        Assert.Equal(["scripted: alert high_traffic at 2026-01-01T10:00:01+00:00 not delivered: timed out after 10s"], said);
    }

    [Fact]
    public void Retry_after_from_the_receiver_is_honoured_and_a_client_error_is_not_tried_again()
    {
        var (queue, sink, clock, said) = NewQueue((n, notice) => notice.Message == "alert 1"
            ? n == 0 ? Task.FromException(new DeliveryFailedException("HTTP 429", true, TimeSpan.FromSeconds(7))) : Task.CompletedTask
            : Task.FromException(new DeliveryFailedException("HTTP 404")));

        queue.Post(Notice(1));
        queue.Post(Notice(2));
        clock.AdvanceBy(TimeSpan.FromMinutes(1));

        Assert.Equal([(0.0, "alert 1"), (7.0, "alert 1"), (7.0, "alert 2")], sink.Tries);
        Assert.Equal((1L, 1L, 1L), (queue.Delivered, queue.Failed, queue.Retries));
        Assert.Equal(["scripted: alert high_traffic at 2026-01-01T10:00:02+00:00 not delivered: HTTP 404"], said);
    }

    [Fact]
    public async Task A_flood_of_a_thousand_alerts_into_a_queue_of_a_hundred_keeps_the_newest_and_counts_every_drop()
    {
        var hung = new TaskCompletionSource();
        var (queue, sink, clock, _) = NewQueue((n, _) => n == 0 ? hung.Task : Task.CompletedTask,
            new DeliveryPolicy(Tries: 1, Capacity: 100));

        for (int i = 1; i <= 1000; i++) queue.Post(Notice(i));   // never waits, though the sink hangs
        Assert.Equal(899, queue.Dropped);                             // one in flight, 100 waiting
        hung.SetResult();   // its continuation may run on another thread
        await queue.WhenIdle().WaitAsync(HttpTestClient.Guard);

        Assert.Equal(["alert 1", .. Enumerable.Range(901, 100).Select(i => $"alert {i}")], sink.Tries.Select(t => t.Notice));
        Assert.Equal((101L, 0L, 899L), (queue.Delivered, queue.Failed, queue.Dropped));
        Assert.Equal(0.0, sink.Tries[^1].At);   // no time passed: the hung one answered, the rest followed at once
    }

    [Fact]
    public void A_sink_that_answers_at_once_takes_ten_thousand_notices_one_after_the_other_without_deepening_the_stack()
    {
        var (queue, sink, _, _) = NewQueue((_, _) => Task.CompletedTask, new DeliveryPolicy(Capacity: 1));

        for (int i = 0; i < 10_000; i++) queue.Post(Notice(i));

        Assert.Equal((10_000L, 0L), (queue.Delivered, queue.Dropped));
        Assert.True(queue.WhenIdle().IsCompleted);
    }

    [Fact]
    public void Stopping_cancels_the_try_in_flight_and_counts_it_and_every_waiting_notice_as_dropped()
    {
        var (queue, sink, clock, _) = NewQueue((_, _) => Never);
        queue.Post(Notice(1));
        queue.Post(Notice(2));
        queue.Post(Notice(3));
        var idle = queue.WhenIdle();
        clock.AdvanceBy(TimeSpan.FromSeconds(4));
        Assert.False(idle.IsCompleted);

        queue.Stop();
        queue.Post(Notice(4));   // after the stop: dropped, never tried

        Assert.Equal([0], sink.Cancelled);
        Assert.Equal((0L, 0L, 4L), (queue.Delivered, queue.Failed, queue.Dropped));
        Assert.True(idle.IsCompleted);
        Assert.Single(sink.Tries);
    }
}

using System.Reactive.Concurrency;
using System.Text;
using System.Text.Json;
using RxLog.Notifying;
using RxLog.Tests.Support;
using static RxLog.Tests.Support.Records;
using Reply = RxLog.Tests.Support.WebhookReceiver.Reply;

namespace RxLog.Tests.Notifying;

/// <summary>A webhook against a real HTTP receiver on 127.0.0.1: what it POSTs, and how it reads each answer — delivered,
/// worth another try (connection errors, 5xx, 429 with its Retry-After), or not (other 4xx) — and that no credential
/// from the URL is ever said.</summary>
public sealed class WebhookSinkTests : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly Lazy<HttpClient> _client = new(WebhookClient.Create);
    private WebhookReceiver? _receiver;

    public async ValueTask DisposeAsync()
    {
        if (_client.IsValueCreated) _client.Value.Dispose();
        if (_receiver is not null) await _receiver.DisposeAsync();
    }

    private static AlertNotice Notice(string @event = "alert") =>
        new(@event, "high_traffic", 12.5, 10, "2026-01-01T10:00:06+00:00",
            "High traffic generated an alert - hits = 12.5, triggered at 2026-01-01 10:00:06", [],
            "{\"type\":\"alert\",\"hits\":12.5}");

    private WebhookSink Sink(Func<int, Reply> script, string path = "/hook", string kind = "webhook",
        Func<AlertNotice, string>? body = null)
    {
        _receiver = new WebhookReceiver(script);
        var url = new Uri(_receiver.Url + path);
        return new WebhookSink(kind, url, body ?? WebhookBodies.Generic, Timeout, _client, new HistoricalScheduler(T0));
    }

    [Fact]
    public async Task It_posts_the_events_json_as_json_wrote_it_and_a_2xx_answer_is_delivered()
    {
        var sink = Sink(_ => new Reply(202));

        await sink.SendAsync(Notice(), CancellationToken.None);

        var request = Assert.Single(_receiver!.Received);
        Assert.Equal(("POST", "/hook"), (request.Method, request.Path));
        Assert.Equal("{\"type\":\"alert\",\"hits\":12.5}", request.Body);
        Assert.StartsWith("application/json", request.Headers["Content-Type"]);
        Assert.StartsWith("rxlog/", request.Headers["User-Agent"]);
    }

    [Theory]
    [InlineData(500, true)]
    [InlineData(503, true)]
    [InlineData(429, true)]
    [InlineData(400, false)]
    [InlineData(404, false)]
    [InlineData(301, false)]   // not followed: the POST is not sent on to a host the user did not name
    public async Task An_answer_that_is_not_2xx_fails_and_only_5xx_and_429_may_be_tried_again(int status, bool retryable)
    {
        var sink = Sink(_ => new Reply(status, "no such hook\nsecond line", ("Location", "http://elsewhere.example/")));

        var failed = await Assert.ThrowsAsync<DeliveryFailedException>(() => sink.SendAsync(Notice(), CancellationToken.None));

        Assert.Equal($"HTTP {status}: no such hook", failed.Message);
        Assert.Equal(retryable, failed.Retryable);
        Assert.Single(_receiver!.Received);
    }

    [Theory]
    [InlineData("7", 7.0)]
    [InlineData("Thu, 01 Jan 2026 10:00:30 GMT", 30.0)]   // a date, read against the receiver's own Date
    public async Task A_429_or_503_says_how_long_the_receiver_asked_to_wait(string retryAfter, double seconds)
    {
        var sink = Sink(_ => new Reply(429, "", ("Retry-After", retryAfter), ("Date", "Thu, 01 Jan 2026 10:00:00 GMT")));

        var failed = await Assert.ThrowsAsync<DeliveryFailedException>(() => sink.SendAsync(Notice(), CancellationToken.None));

        Assert.Equal(TimeSpan.FromSeconds(seconds), failed.RetryAfter);
    }

    [Fact]
    public async Task Nobody_listening_is_a_connection_refused_that_may_pass()
    {
        var sink = Sink(_ => Reply.Ok);
        var url = new Uri(_receiver!.Url + "/hook");
        await _receiver.DisposeAsync();
        _receiver = null;

        var failed = await Assert.ThrowsAsync<DeliveryFailedException>(() =>
            new WebhookSink("webhook", url, WebhookBodies.Generic, Timeout, _client, new HistoricalScheduler(T0))
                .SendAsync(Notice(), CancellationToken.None));

        Assert.Equal("connection refused", failed.Message);
        Assert.True(failed.Retryable);
    }

    [Fact]
    public async Task Credentials_in_the_url_become_basic_authentication_and_no_name_or_notice_says_them_or_the_path()
    {
        _receiver = new WebhookReceiver(_ => new Reply(500));
        var url = new Uri(_receiver.Url.Replace("http://", "http://alice:s3cr%40t@") + "/services/T000/B000/XXXXSECRET?token=abc");
        var sink = new WebhookSink("slack", url, WebhookBodies.Slack, Timeout, _client, new HistoricalScheduler(T0));

        var failed = await Assert.ThrowsAsync<DeliveryFailedException>(() => sink.SendAsync(Notice(), CancellationToken.None));

        var request = Assert.Single(_receiver.Received);
        Assert.Equal("/services/T000/B000/XXXXSECRET?token=abc", request.Path);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("alice:s3cr@t")), request.Headers["Authorization"]);
        Assert.Equal($"slack {_receiver.Url}/…", sink.Name);
        foreach (string said in new[] { sink.Name, failed.Message })
            Assert.DoesNotContain("s3cr", said);
        Assert.DoesNotContain("SECRET", sink.Name);
    }

    [Fact]
    public async Task Through_its_queue_a_webhook_answering_500_then_200_is_tried_again_a_virtual_second_later()
    {
        var sink = Sink(n => n == 1 ? new Reply(500) : Reply.Ok);
        var clock = new WatchedScheduler(T0);
        var said = new List<string>();
        using var queue = new SinkQueue(sink, new DeliveryPolicy(), clock, said.Add);

        queue.Post(Notice());
        await _receiver!.NextAsync();
        await clock.WhenScheduledAt(T0.AddSeconds(1));   // the 500 was read: the next try waits for the clock
        clock.AdvanceBy(TimeSpan.FromSeconds(0.999));
        Assert.Single(_receiver.Received);
        clock.AdvanceBy(TimeSpan.FromSeconds(0.001));
        await _receiver.NextAsync();
        await queue.WhenIdle().WaitAsync(HttpTestClient.Guard);

        Assert.Equal((1L, 0L, 1L), (queue.Delivered, queue.Failed, queue.Retries));
        Assert.Empty(said);
    }

    [Fact]
    public async Task Through_its_queue_a_webhook_that_never_answers_is_cut_at_its_timeout_three_times_then_said()
    {
        var sink = Sink(_ => Reply.Never);
        var clock = new HistoricalScheduler(T0);
        var said = new List<string>();
        using var queue = new SinkQueue(sink, new DeliveryPolicy(), clock, said.Add);

        queue.Post(Notice());
        var tries = new List<double>();
        for (int i = 0; i < 3; i++)
        {
            await _receiver!.NextAsync();
            tries.Add((clock.Now - T0).TotalSeconds);
            clock.AdvanceBy(Timeout);   // the try is cut, then the backoff: 1 s, 2 s
            if (i < 2) clock.AdvanceBy(TimeSpan.FromSeconds(1 << i));
        }
        await queue.WhenIdle().WaitAsync(HttpTestClient.Guard);

        Assert.Equal([0.0, 11.0, 23.0], tries);
        Assert.Equal((0L, 1L, 2L), (queue.Delivered, queue.Failed, queue.Retries));
        Assert.Equal(["webhook " + _receiver!.Url + "/…: alert high_traffic at 2026-01-01T10:00:06+00:00 not delivered: timed out after 10s"], said);
    }
}

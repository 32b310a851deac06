using System.Text;
using RxLog.Rendering.Metrics;
using RxLog.Rendering.Status;

namespace RxLog.Serving;

/// <summary>What <c>--listen</c> serves: <c>/metrics</c> (Prometheus text format), <c>/api/status</c> (JSON),
/// <c>/events</c> (Server-Sent Events), <c>/healthz</c>, and an index at <c>/</c>; anything else is 404. Each answer is made in memory from the monitor's
/// state, and a stream only ever takes what the pipeline put in its bounded buffer, so a slow client never holds the
/// pipeline.</summary>
public static class MonitorEndpoints
{
    public static Func<HttpRequest, HttpResponse> Handler(MetricsStore metrics, StatusStore status, EventFeed events) =>
        request => DashboardPage.Serve(request) ?? DashboardPage.Safe(Endpoint(request, metrics, status, events));

    private static HttpResponse Endpoint(HttpRequest request, MetricsStore metrics, StatusStore status, EventFeed events) =>
        request.Path switch
    {
        "/metrics" => HttpResponse.Bytes(Encoding.UTF8.GetBytes(metrics.Exposition()), PrometheusText.ContentType),
        "/api/status" => HttpResponse.Bytes(status.Utf8Json(), "application/json"),
        "/events" => HttpResponse.Stream((stream, ct) => Stream(events, LastEventId(request), stream, ct)),
        "/healthz" => HttpResponse.Text("ok\n"),
        "/" or "/index.txt" => HttpResponse.Text($"rxlog {MetricsStore.Version}\n/metrics     Prometheus metrics\n"
                                 + "/api/status the run as it stands, as JSON\n"
                                 + "/events     the events as --json writes them, as Server-Sent Events\n/healthz     ok while running\n"),
        _ => HttpResponse.NotFound(),
    };

    private static long? LastEventId(HttpRequest request) =>
        long.TryParse(request.Header("Last-Event-ID"), System.Globalization.NumberStyles.None,
            System.Globalization.CultureInfo.InvariantCulture, out long id) ? id : null;

    private static async Task Stream(EventFeed events, long? lastEventId, Stream stream, CancellationToken ct)
    {
        var frames = events.Subscribe(lastEventId);
        try
        {
            await foreach (string frame in frames.ReadAllAsync(ct))
            {
                await stream.WriteAsync(Encoding.UTF8.GetBytes(frame), ct);
                if (frames.Count == 0) await stream.FlushAsync(ct);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            // The client went away, or the responder is stopping.
        }
        finally
        {
            events.Unsubscribe(frames);
        }
    }
}

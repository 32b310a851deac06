using System.Text;
using RxLog.Rendering.Metrics;

namespace RxLog.Serving;

/// <summary>What <c>--listen</c> serves: <c>/metrics</c> (Prometheus text format), <c>/healthz</c>, and an index at
/// <c>/</c>; anything else is 404. Each answer is made in memory from the monitor's state, so a slow client never
/// holds the pipeline.</summary>
public static class MonitorEndpoints
{
    public static Func<HttpRequest, HttpResponse> Handler(MetricsStore metrics) => request => request.Path switch
    {
        "/metrics" => HttpResponse.Bytes(Encoding.UTF8.GetBytes(metrics.Exposition()), PrometheusText.ContentType),
        "/healthz" => HttpResponse.Text("ok\n"),
        "/" => HttpResponse.Text($"rxlog {MetricsStore.Version}\n/metrics  Prometheus metrics\n/healthz  ok while running\n"),
        _ => HttpResponse.NotFound(),
    };
}

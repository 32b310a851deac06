using System.Net.Http.Headers;

namespace RxLog.Notifying;

/// <summary>The one HTTP client every webhook shares: its connections are kept between alerts.</summary>
public static class WebhookClient
{
    /// <remarks>No timeout of its own (each sink's queue cancels a try at <c>--hook-timeout</c>); no redirects (a POST
    /// is not sent on to a host the user did not name); connections renewed every few minutes, so a receiver whose
    /// address changed (DNS) is found again.</remarks>
    public static HttpClient Create()
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            UseCookies = false,
            UseProxy = true,
        };
        var client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("rxlog", Rendering.Metrics.MetricsStore.Version));
        return client;
    }
}

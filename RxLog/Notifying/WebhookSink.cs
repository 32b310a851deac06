using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Reactive.Concurrency;
using System.Text;

namespace RxLog.Notifying;

/// <summary><c>--webhook</c>, <c>--slack</c>, <c>--alertmanager</c>: POSTs each notice to a URL as JSON. They differ only
/// in the body (<see cref="WebhookBodies"/>); how an answer is read is the same for all.</summary>
/// <remarks>
/// <para>2xx is delivered. A connection error, a timeout, 5xx and 429 may pass (the queue tries again, after
/// <c>Retry-After</c> when the receiver gives one); any other answer will not. Redirects are not followed: a POST
/// moved elsewhere is a failure the user should see, not a body sent to a host they did not name.</para>
/// <para>The URL is never said whole: paths and queries carry tokens (a Slack webhook's path is its secret), so notices
/// and the summary name the sink by scheme, host and port. <c>user:password@</c> in the URL becomes Basic
/// authentication and is said nowhere.</para>
/// </remarks>
public sealed class WebhookSink : INotificationSink
{
    private readonly Lazy<HttpClient> _client;
    private readonly Func<AlertNotice, string> _body;
    private readonly IScheduler _clock;
    private readonly AuthenticationHeaderValue? _authorization;

    /// <param name="kind"><c>webhook</c>, <c>slack</c>, <c>alertmanager</c>: the first word of the sink's name.</param>
    /// <param name="body">The JSON to POST for a notice, built at each try (Alertmanager's <c>endsAt</c> moves).</param>
    /// <param name="clock">Reads <c>Retry-After</c> given as a date.</param>
    /// <param name="client">Made at the first POST: loading the HTTP stack costs start-up 10 to 20 ms, and most runs
    /// never alert.</param>
    public WebhookSink(string kind, Uri url, Func<AlertNotice, string> body, TimeSpan timeout, Lazy<HttpClient> client,
        IScheduler clock)
    {
        _client = client;
        _body = body;
        _clock = clock;
        Timeout = timeout;
        if (url.UserInfo.Length > 0)
        {
            _authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(url.UserInfo))));
            url = new UriBuilder(url) { UserName = "", Password = "" }.Uri;
        }
        Url = url;
        Name = $"{kind} {SafeName(url)}";
    }

    /// <summary>Where it POSTs, without credentials.</summary>
    public Uri Url { get; }

    public string Name { get; }

    public TimeSpan Timeout { get; }

    /// <summary>A URL as rxlog says it: scheme, host and port; a path only as <c>/…</c>.</summary>
    public static string SafeName(Uri url) =>
        $"{url.Scheme}://{url.Authority[(url.Authority.LastIndexOf('@') + 1)..]}{(url.AbsolutePath.Length > 1 || url.Query.Length > 0 ? "/…" : "")}";

    /// <summary>A URL the options accept: absolute http or https.</summary>
    public static bool TryParse(string text, out Uri url) =>
        Uri.TryCreate(text, UriKind.Absolute, out url!) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps);

    public async Task SendAsync(AlertNotice notice, CancellationToken cancel)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Url)
        {
            Content = new StringContent(_body(notice), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = _authorization;
        HttpResponseMessage response;
        try
        {
            response = await _client.Value.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel);
        }
        catch (HttpRequestException failed)
        {
            throw new DeliveryFailedException(ConnectionFailure(failed),
                retryable: failed.HttpRequestError != HttpRequestError.SecureConnectionError);
        }
        using (response)
        {
            if (response.IsSuccessStatusCode) return;
            int status = (int)response.StatusCode;
            string said = await FirstLine(response, cancel);
            bool mayPass = status >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests;
            throw new DeliveryFailedException($"HTTP {status}{(said.Length > 0 ? ": " + said : "")}", mayPass,
                mayPass ? RetryAfter(response) : null);
        }
    }

    /// <summary>The receiver's <c>Retry-After</c> as a wait: seconds, or a date (read against its own <c>Date</c>,
    /// else rxlog's clock).</summary>
    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var retryAfter = response.Headers.RetryAfter;
        if (retryAfter?.Delta is { } delta) return delta;
        if (retryAfter?.Date is { } date) return date - (response.Headers.Date ?? _clock.Now);
        return null;
    }

    // The first line of what the receiver said, short and safe for a terminal (Alertmanager explains a 400 here).
    private static async Task<string> FirstLine(HttpResponseMessage response, CancellationToken cancel)
    {
        try
        {
            using var body = await response.Content.ReadAsStreamAsync(cancel);
            var buffer = new byte[200];
            int read = await body.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancel);
            string text = Encoding.UTF8.GetString(buffer, 0, read);
            int end = text.IndexOfAny(['\r', '\n']);
            return Rendering.TerminalText.Sanitize((end >= 0 ? text[..end] : text).Trim());
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            return "";
        }
    }

    private static string ConnectionFailure(HttpRequestException failed) => failed.HttpRequestError switch
    {
        HttpRequestError.NameResolutionError => "host not found",
        HttpRequestError.SecureConnectionError => "TLS failed: " + Rendering.TerminalText.Sanitize(
            failed.InnerException?.Message ?? failed.Message),
        _ when failed.InnerException is SocketException socket => socket.SocketErrorCode switch
        {
            SocketError.ConnectionRefused => "connection refused",
            SocketError.TimedOut => "connection timed out",
            SocketError.HostUnreachable or SocketError.NetworkUnreachable => "host unreachable",
            _ => "connection failed: " + socket.SocketErrorCode,
        },
        HttpRequestError.ResponseEnded => "connection closed before an answer",
        _ => "connection failed: " + failed.HttpRequestError,
    };
}

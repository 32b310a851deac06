using System.IO.Compression;
using System.Reactive.Concurrency;
using RxLog.Aggregation;
using RxLog.Pipeline;
using System.Text;
using RxLog.Rendering.Metrics;
using RxLog.Rendering.Status;
using RxLog.Serving;

namespace RxLog.Tests.Serving;

/// <summary>The web dashboard as <c>--listen</c> serves it: its three files from the binary, each with its type, gzip
/// when asked, the security headers on every answer and the page's Content-Security-Policy, 404 for the rest.</summary>
public class DashboardPageTests
{
    private static readonly Func<HttpRequest, HttpResponse> Handler = MonitorEndpoints.Handler(
        new MetricsStore(sectionLabels: 100, rules: ["high_traffic"]),
        new StatusStore(new StatusOptions("watch", [], null, "wall", 10, 120, 10, 10, 5, null, "127.0.0.1:9100", 100),
            StatusStore.RulesOf(new MonitorSettings()), new SourceLines(), zone: null, new HistoricalScheduler()),
        new EventFeed());

    private static HttpResponse Get(string path, string? acceptEncoding = null) =>
        Handler(new HttpRequest("GET", path, headers: acceptEncoding is null ? [] : [new("Accept-Encoding", acceptEncoding)]));

    private static string? Header(HttpResponse response, string name) =>
        response.Headers.Where(h => h.Key == name).Select(h => h.Value).SingleOrDefault();

    [Theory]
    [InlineData("/", "text/html; charset=utf-8")]
    [InlineData("/app.js", "text/javascript; charset=utf-8")]
    [InlineData("/app.css", "text/css; charset=utf-8")]
    public void Each_file_of_the_page_is_served_from_the_binary_with_its_type(string path, string type)
    {
        var response = Get(path);

        Assert.Equal((200, type), (response.StatusCode, response.ContentType));
        Assert.True(response.Body.Length > 100);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        Assert.Equal("no-cache", Header(response, "Cache-Control"));
    }

    [Fact]
    public void The_page_forbids_anything_but_its_own_origin_and_loads_nothing_inline()
    {
        var page = Get("/");
        string html = Encoding.UTF8.GetString(page.Body.Span);

        Assert.StartsWith("default-src 'self'", Header(page, "Content-Security-Policy"));
        Assert.DoesNotContain("<style", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" style=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http://", html);
        Assert.DoesNotContain("https://", html);
        Assert.Matches("<script src=\"app.js\"", html);
    }

    [Fact]
    public void The_page_is_under_60_KB_and_its_script_never_writes_html()
    {
        long total = DashboardPage.Paths.Sum(p => Get(p).Body.Length);
        string script = Encoding.UTF8.GetString(Get("/app.js").Body.Span);

        Assert.InRange(total, 1000, 60 * 1024 - 1);
        foreach (string sink in new[] { "innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function" })
            Assert.DoesNotContain(sink, script);
    }

    [Theory]
    [InlineData("gzip", true)]
    [InlineData("gzip, deflate, br", true)]
    [InlineData("br;q=1.0, gzip;q=0.8", true)]
    [InlineData("*", true)]
    [InlineData("gzip;q=0", false)]
    [InlineData("deflate, br", false)]
    [InlineData(null, false)]
    public void Gzip_is_sent_only_to_a_client_that_asks_for_it_and_unzips_to_the_same_bytes(string? accept, bool gzipped)
    {
        var plain = Get("/app.js");
        var response = Get("/app.js", accept);

        Assert.Equal(gzipped ? "gzip" : null, Header(response, "Content-Encoding"));
        Assert.Equal("Accept-Encoding", Header(response, "Vary"));
        byte[] body = response.Body.ToArray();
        if (gzipped)
        {
            using var unzip = new GZipStream(new MemoryStream(body), CompressionMode.Decompress);
            using var unzipped = new MemoryStream();
            unzip.CopyTo(unzipped);
            body = unzipped.ToArray();
            Assert.True(response.Body.Length < plain.Body.Length / 2);
        }
        Assert.Equal(plain.Body.ToArray(), body);
    }

    [Theory]
    [InlineData("/index.html.bak")]
    [InlineData("/app.js/")]
    [InlineData("/../app.js")]
    [InlineData("/Dashboard/app.js")]
    public void Anything_else_is_404_with_the_same_security_headers(string path)
    {
        var response = Get(path);

        Assert.Equal(404, response.StatusCode);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
    }

    [Fact]
    public void The_json_endpoints_carry_the_security_headers_too() =>
        Assert.Equal("nosniff", Header(Get("/api/status"), "X-Content-Type-Options"));
}

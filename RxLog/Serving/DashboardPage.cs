using System.IO.Compression;
using System.Reflection;

namespace RxLog.Serving;

/// <summary>The web dashboard (<c>GET /</c>): three files written for it (<c>Serving/Dashboard/</c>), embedded in the
/// binary, read once, each kept as it is and gzipped. The page only reads <c>/api/status</c> and <c>/events</c> from
/// its own origin.</summary>
/// <remarks>Every answer carries <c>X-Content-Type-Options: nosniff</c> and <c>Referrer-Policy: no-referrer</c>; the
/// page <c>Content-Security-Policy: default-src 'self'</c>, so nothing inline runs even if text from the log ever
/// reached the markup (the page inserts it as text, never as HTML). <c>Cache-Control: no-cache</c>: a browser asks
/// again after rxlog was upgraded.</remarks>
public static class DashboardPage
{
    public const string Policy = "default-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private sealed record Asset(byte[] Plain, byte[] Gzipped, string ContentType);

    private static readonly Lazy<Dictionary<string, Asset>> Assets = new(Load);

    /// <summary>The page's files by the path they are served at.</summary>
    public static IReadOnlyCollection<string> Paths => Assets.Value.Keys;

    /// <summary>The answer for <paramref name="request"/> when it asks for a file of the page; null otherwise.</summary>
    public static HttpResponse? Serve(HttpRequest request)
    {
        if (!Assets.Value.TryGetValue(request.Path, out var asset)) return null;
        bool gzip = AcceptsGzip(request.Header("Accept-Encoding"));
        var response = HttpResponse.Bytes(gzip ? asset.Gzipped : asset.Plain, asset.ContentType);
        if (gzip) response = response.WithHeader("Content-Encoding", "gzip");
        response = response.WithHeader("Vary", "Accept-Encoding").WithHeader("Cache-Control", "no-cache");
        if (request.Path == "/") response = response.WithHeader("Content-Security-Policy", Policy);
        return Safe(response);
    }

    /// <summary>The headers every answer of <c>--listen</c> carries.</summary>
    public static HttpResponse Safe(HttpResponse response) =>
        response.WithHeader("X-Content-Type-Options", "nosniff").WithHeader("Referrer-Policy", "no-referrer");

    /// <summary>True when <c>Accept-Encoding</c> lists gzip (or <c>*</c>) with a weight above 0.</summary>
    public static bool AcceptsGzip(string? acceptEncoding)
    {
        if (acceptEncoding is null) return false;
        foreach (string part in acceptEncoding.Split(','))
        {
            string[] pieces = part.Split(';');
            string coding = pieces[0].Trim();
            if (!coding.Equals("gzip", StringComparison.OrdinalIgnoreCase) && coding != "*") continue;
            bool zero = pieces.Skip(1).Select(p => p.Trim()).Any(p => p.StartsWith("q=", StringComparison.OrdinalIgnoreCase)
                && double.TryParse(p[2..], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double q)
                && q <= 0);
            return !zero;
        }
        return false;
    }

    private static Dictionary<string, Asset> Load()
    {
        var assembly = typeof(DashboardPage).Assembly;
        var files = new (string Path, string Resource, string Type)[]
        {
            ("/", "dashboard/index.html", "text/html; charset=utf-8"),
            ("/app.css", "dashboard/app.css", "text/css; charset=utf-8"),
            ("/app.js", "dashboard/app.js", "text/javascript; charset=utf-8"),
        };
        var assets = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (var (path, resource, type) in files)
        {
            using var stream = assembly.GetManifestResourceStream(resource);
            if (stream is null) continue;   // a build without the page still serves the JSON endpoints
            using var plain = new MemoryStream();
            stream.CopyTo(plain);
            using var gzipped = new MemoryStream();
            using (var gzip = new GZipStream(gzipped, CompressionLevel.SmallestSize, leaveOpen: true)) gzip.Write(plain.ToArray());
            assets[path] = new Asset(plain.ToArray(), gzipped.ToArray(), type);
        }
        return assets;
    }
}

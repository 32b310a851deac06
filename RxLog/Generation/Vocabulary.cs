namespace RxLog.Generation;

/// <summary>The fixed word lists synthetic lines are made of, with their weights.</summary>
internal static class Vocabulary
{
    /// <summary>Sections by popularity rank (Zipf 1/rank), each with its path shapes and their weights.</summary>
    public static readonly (PathTemplate Path, long Weight)[][] Sections =
    [
        [
            (Api("/api/users/", 5000, "", 640), 4), (Api("/api/orders/", 20000, "", 910), 3),
            (Get("/api/products?page=", 50, "", 4200, query: false), 2),
            (Get("/api/products/", 800, "/reviews", 2500, query: false), 1),
            (Get("/api/v1/health", 0, "", 15, query: false), 1),
        ],
        [
            (Get("/static/css/app.css", 0, "", 18400, query: false), 3),
            (Get("/static/js/app.js", 0, "", 142000, query: false), 3),
            (Get("/static/img/logo.png", 0, "", 6200, query: false), 2),
            (Get("/static/fonts/inter.woff2", 0, "", 48000, query: false), 1),
        ],
        [(Get("/", 0, "", 11500), 1)],
        [
            (Api("/pages/create", 0, "", 5300), 2), (Get("/pages/about", 0, "", 7400), 2),
            (Get("/pages/pricing", 0, "", 9100), 2), (Get("/pages/", 300, "", 8000), 3),
        ],
        [
            (Get("/blog", 0, "", 12000), 3), (Get("/blog/2025/12/rx-in-practice", 0, "", 24000), 2),
            (Get("/blog/tags/dotnet", 0, "", 9000), 1), (Get("/blog?page=", 20, "", 12000, query: false), 1),
        ],
        [(Api("/login", 0, "", 3200), 1)],
        [(Get("/favicon.ico", 0, "", 1150, query: false), 1)],
        [(Get("/images/photos/", 2000, ".jpg", 180000, query: false), 1)],
        [(Get("/robots.txt", 0, "", 68, query: false), 1)],
        [(Get("/docs/getting-started", 0, "", 15000), 2), (Get("/docs/api/reference", 0, "", 38000), 1)],
        [(Api("/cart", 0, "", 4100), 2), (Api("/cart/checkout", 0, "", 5200), 1)],
        [(Get("/admin/dashboard", 0, "", 8800), 1), (Api("/admin/users/", 40, "", 2100), 1)],
    ];

    public static readonly string[] Queries =
        ["?utm_source=newsletter", "?ref=home", "?lang=fr", "?sort=desc&limit=20", "?utm_campaign=spring%20sale"];

    public static readonly (string, long)[] Methods =
        [("GET", 850), ("POST", 70), ("HEAD", 40), ("PUT", 25), ("DELETE", 15)];

    public static readonly (string, long)[] Protocols = [("HTTP/1.1", 880), ("HTTP/2.0", 80), ("HTTP/1.0", 40)];

    public static readonly (string, long)[] Users =
        [("-", 9500), ("alice", 200), ("bob", 120), ("carol", 80), ("dave", 50), ("erin", 30), ("frank", 20)];

    public static readonly (int Status, long Weight)[] Statuses =
        [(200, 820), (301, 25), (304, 80), (404, 50), (500, 15), (503, 10)];

    public static readonly (string, long)[] Referers =
    [
        ("-", 400), ("https://www.example.com/", 200), ("https://www.example.com/blog", 60),
        ("https://www.example.com/pages/pricing", 40), ("https://www.google.com/", 150), ("https://duckduckgo.com/", 30),
        ("https://www.bing.com/", 30), ("https://news.ycombinator.com/", 20), ("https://t.co/Xk3fPq2Lm", 10),
    ];

    /// <summary>Index in <see cref="Agents"/> of Googlebot, the preferred agent of the crawler host.</summary>
    public const int GooglebotAgent = 7;

    public static readonly (string, long)[] Agents =
    [
        ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", 300),
        ("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", 150),
        ("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_7_1) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15", 80),
        ("Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0", 80),
        ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0", 60),
        ("Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1", 120),
        ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36", 100),
        ("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", 30),
        ("Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)", 15),
        ("curl/8.5.0", 25),
        ("python-requests/2.32.3", 20),
        ("Go-http-client/1.1", 10),
    ];

    private static PathTemplate Get(string prefix, int idMax, string suffix, int bytes, bool query = true) =>
        new(prefix, idMax, suffix, bytes, Writable: false, Queryable: query);

    private static PathTemplate Api(string prefix, int idMax, string suffix, int bytes) =>
        new(prefix, idMax, suffix, bytes, Writable: true, Queryable: false);
}

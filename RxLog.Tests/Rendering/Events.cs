using RxLog.Aggregation;
using RxLog.Alerting;
using RxLog.Pipeline;

namespace RxLog.Tests.Rendering;

/// <summary>Sample events for the view tests, at a fixed T0.</summary>
internal static class Events
{
    public static readonly DateTimeOffset T0 = new(2026, 1, 1, 10, 0, 0, TimeSpan.Zero);

    public static TrafficReport Report(IReadOnlyList<SectionCount>? sections = null, bool approximate = false,
        StatusMix? status = null, long windowHits = 1503, bool alerting = true, long invalid = 2,
        IReadOnlyList<ClientCount>? clients = null, bool clientsApproximate = false) =>
        new(T0, T0.AddSeconds(10), 1234,
            sections ?? [new("/api", 800), new("/pages", 300), new("/robots.txt", 12)],
            status ?? new StatusMix(1200, 10, 20, 4, 0), 1258291, invalid, windowHits, windowHits / 120.0, alerting,
            approximate, Clients: clients, ClientsApproximate: clientsApproximate);

    public static readonly ClientCount[] SomeClients =
        [new("203.0.113.9", 700, 1_048_576), new("2001:db8::1", 30, 2_048), new("crawl-66-249-66-1.googlebot.com", 4, 0)];

    public static AlertRaised Alert() => new(T0.AddSeconds(221), 1503, 1503 / 120.0, 10, 120);

    public static AlertRecovered Recovery() => new(T0.AddSeconds(441), 1198, 1198 / 120.0, 10, 120, 220);

    public static RunSummary Summary() =>
        new(T0.AddMinutes(15), T0, T0.AddMinutes(15), 12345, 3, 1, false, null);

    public static RunSummary EmptySummary(long invalid = 0) =>
        new(T0, null, null, 0, invalid, 0, false, invalid > 0 ? "garbage" : null);

    /// <summary>Section names from BAD-INPUTS B1–B9.</summary>
    public static readonly SectionCount[] HostileSections =
    [
        new("/\u001b[2J\u001b[Hpwn", 5),
        new("/\u001b]52;c;ZWNobyBoaQ==\u0007", 4),
        new("/ok\r/ADMIN", 3),
        new("/\u009b2J", 3),
        new("/user/\u202Egnp.exe", 2),
        new("/a\0b", 2),
        new("/a\nHigh traffic generated an alert - hits = 99.00, triggered at 2026-01-01T10:00:00+00:00", 1),
        new("/\u2066x\u2069\u200e\u061c\u007f\u0085", 1),
        new("/\"q\"\\\u2028", 1),
    ];
}

using RxLog.Parsing;

namespace RxLog.Tests.Support;

/// <summary>Builders for parsed lines at whole seconds after a fixed T0, so tests read as timelines.</summary>
public static class Records
{
    /// <summary>2026-01-01T10:00:00Z, a multiple of every report interval used in tests.</summary>
    public static readonly DateTimeOffset T0 = new(2026, 1, 1, 10, 0, 0, TimeSpan.Zero);
    public static readonly long T0Seconds = T0.ToUnixTimeSeconds();

    public static ParsedLine Hit(long secondAfterT0, string? section = "/api", short status = 200, long bytes = 100,
        short offsetMinutes = 0) =>
        ParsedLine.Hit(new LogRecord(T0Seconds + secondAfterT0, offsetMinutes, section, status, bytes), 0);

    public static IEnumerable<ParsedLine> Hits(long secondAfterT0, int count, string? section = "/api") =>
        Enumerable.Range(0, count).Select(_ => Hit(secondAfterT0, section));

    /// <summary>A hit that carried a response time of <paramref name="micros"/> µs.</summary>
    public static ParsedLine Timed(long secondAfterT0, long micros, string? section = "/api") =>
        ParsedLine.Hit(new LogRecord(T0Seconds + secondAfterT0, 0, section, 200, 100, micros), 0);

    public static ParsedLine Bad(string text = "garbage") => ParsedLine.Invalid(text, 0);

    public static DateTimeOffset At(long secondAfterT0) => T0.AddSeconds(secondAfterT0);
}

using System.CommandLine;
using RxLog.Pipeline;
using RxLog.Rendering;

namespace RxLog.Cli;

/// <summary>The parsed monitoring options (stdin, watch, check) as one typed value.</summary>
public sealed record MonitorOptions(MonitorSettings Settings, bool Json, DisplayZone? Zone, string Format)
{
    public static MonitorOptions From(ParseResult parse, out string? error)
    {
        error = null;
        DisplayZone? zone = null;
        if (parse.GetValue(CliOptions.TimeZone) is { } tz && !DisplayZone.TryParse(tz, out zone, out var zoneError))
            error = $"--tz: {zoneError}";
        var settings = new MonitorSettings(
            Threshold: parse.GetValue(CliOptions.Threshold),
            WindowSeconds: parse.GetValue(CliOptions.Window),
            IntervalSeconds: parse.GetValue(CliOptions.Interval),
            Top: parse.GetValue(CliOptions.Top));
        return new MonitorOptions(settings, parse.GetValue(CliOptions.Json), zone, parse.GetValue(CliOptions.Format) ?? "auto");
    }
}

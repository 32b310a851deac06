using System.CommandLine;
using RxLog.Parsing;
using RxLog.Pipeline;
using RxLog.Rendering;

namespace RxLog.Cli;

/// <summary>The parsed monitoring options (stdin, watch, check) as one typed value.</summary>
/// <param name="Format">The format asked for, checked; null for <c>auto</c>.</param>
/// <param name="Candidates">What <c>auto</c> chooses among.</param>
/// <param name="Listen">Where <c>--listen</c> serves metrics; null without it.</param>
/// <param name="MetricsSections">How many sections get a metrics label of their own (<c>--metrics-sections</c>).</param>
public sealed record MonitorOptions(MonitorSettings Settings, bool Json, DisplayZone? Zone, LogFormat? Format,
    IReadOnlyList<LogFormat> Candidates, string? RejectsPath, System.Net.IPEndPoint? Listen = null, int MetricsSections = 100)
{
    public static MonitorOptions From(ParseResult parse, out string? error)
    {
        error = null;
        DisplayZone? zone = null;
        if (parse.GetValue(CliOptions.TimeZone) is { } tz && !DisplayZone.TryParse(tz, out zone, out var zoneError))
            error = zoneError;   // already starts with "--tz: "
        var settings = new MonitorSettings(
            Threshold: parse.GetValue(CliOptions.Threshold),
            WindowSeconds: parse.GetValue(CliOptions.Window),
            IntervalSeconds: parse.GetValue(CliOptions.Interval),
            Top: parse.GetValue(CliOptions.Top),
            TopClients: parse.GetValue(CliOptions.TopClients));
        if (parse.GetValue(CliOptions.Rules) is { } rulesPath)
        {
            if (!Alerting.Rules.RulesFile.TryLoad(rulesPath, settings.Threshold, settings.WindowSeconds, out var rules, out var rulesError))
                error ??= rulesError;
            else if (rules!.HighTraffic is { } builtIn)
                settings = settings with { Rules = rules, Threshold = builtIn.Threshold, WindowSeconds = builtIn.WindowSeconds };
            else
                settings = settings with { Rules = rules };
        }
        var formatOptions = new FormatOptions(parse.GetValue(CliOptions.Format) ?? "auto", parse.GetValue(CliOptions.LogFormat),
            parse.GetValue(CliOptions.Regex), parse.GetValue(CliOptions.TimeFormat), parse.GetValue(CliOptions.Field));
        if (!LogFormats.TryResolve(formatOptions, out var format, out var candidates, out var formatError)) error ??= formatError;
        System.Net.IPEndPoint? listen = null;
        if (parse.GetValue(CliOptions.Listen) is { } address)
        {
            if (Serving.ListenAddress.TryParse(address, out var endpoint, out var listenError)) listen = endpoint;
            else error ??= listenError;
        }
        return new MonitorOptions(settings with { Metrics = listen is not null }, parse.GetValue(CliOptions.Json), zone,
            format, candidates, parse.GetValue(CliOptions.Rejects), listen, parse.GetValue(CliOptions.MetricsSections));
    }

    /// <summary>Opens <c>--rejects FILE</c> when asked; false with a one-line error when it cannot be written, or when
    /// it names one of the <paramref name="inputs"/> (creating it would wipe the log before it is read).</summary>
    public bool TryOpenRejects(IEnumerable<string> inputs, out RejectsFile? rejects, out string? error)
    {
        rejects = null;
        error = null;
        if (RejectsPath is null) return true;
        try
        {
            string target = Path.GetFullPath(RejectsPath);
            var targetId = Sources.FileIdentity.OfPath(target);
            foreach (var input in inputs.Where(i => i != "-"))
            {
                if (Path.GetFullPath(input) == target || (targetId is { } id && Sources.FileIdentity.OfPath(input) == id))
                {
                    error = $"--rejects: {RejectsPath} is an input; choose another file";
                    return false;
                }
            }
            rejects = new RejectsFile(RejectsPath);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            error = $"--rejects: cannot write '{RejectsPath}': {ex.Message}";
            return false;
        }
    }
}

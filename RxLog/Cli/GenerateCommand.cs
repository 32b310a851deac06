using System.CommandLine;
using System.Globalization;
using System.Reactive.Concurrency;
using System.Reactive.Linq;
using RxLog.Generation;

namespace RxLog.Cli;

/// <summary><c>rxlog generate</c>: a deterministic synthetic access log, all at once or in real time.</summary>
public static class GenerateCommand
{
    private static readonly Option<long?> Lines = new("--lines")
    {
        Description = "Stop after this many lines.",
        HelpName = "count",
        CustomParser = r => (long?)(long)CliOptions.ParseNumber(r, "--lines", min: 0, integer: true),
    };

    private static readonly Option<int?> Duration = new("--duration", "-d")
    {
        Description = "Stop after this much log time (10m, 1h30m); default 10m unless --lines or --follow is given.",
        HelpName = "duration",
        CustomParser = r =>
        {
            string token = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
            if (DurationParser.TryParse(token, out int seconds)) return seconds;
            r.AddError($"--duration: expected whole seconds like 90s, 10m or 1h30m, got '{token}'");
            return null;
        },
    };

    private static readonly Option<double> Rate = new("--rate", "-r")
    {
        Description = "Mean hits per second (the burst profile runs at 1/4 of it, then 3/2 of it, then 1/4).",
        HelpName = "hits/s",
        DefaultValueFactory = _ => 20.0,
        CustomParser = r => CliOptions.ParseNumber(r, "--rate", min: 0.001),
    };

    private static readonly Option<ulong> Seed = new("--seed")
    {
        Description = "Random seed; the same arguments always give the same bytes.",
        DefaultValueFactory = _ => 1UL,
    };

    private static readonly Option<DateTimeOffset> Start = new("--start")
    {
        Description = "First timestamp, ISO 8601 (its offset is written in every line).",
        HelpName = "time",
        DefaultValueFactory = _ => GeneratorOptions.DefaultStart,
        CustomParser = r =>
        {
            string token = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
            if (DateTimeOffset.TryParse(token, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)) return t;
            r.AddError($"--start: expected an ISO 8601 time like 2026-01-01T00:00:00Z, got '{token}'");
            return default;
        },
    };

    private static readonly Option<string> OutputFormat = new("--output-format")
    {
        Description = "common, combined, w3c (IIS-style W3C extended) or json (nginx-style JSON lines): the same hits in each.",
        DefaultValueFactory = _ => "combined",
    };

    private static readonly Option<string> Profile = new("--profile")
    {
        Description = "steady, or burst: calm, then 3 minutes of traffic that trips the default alert, then calm.",
        DefaultValueFactory = _ => "steady",
    };

    private static readonly Option<bool> Follow = new("--follow", "-f")
    {
        Description = "Write in real time, stamped with the wall clock, until stopped (or --lines/--duration).",
    };

    private static readonly Option<string?> Output = new("--output", "-o")
    {
        Description = "Write to this file instead of stdout (replaced; with --follow, appended to).",
        HelpName = "file",
    };

    static GenerateCommand()
    {
        OutputFormat.AcceptOnlyFromAmong("common", "combined", "w3c", "json");
        Profile.AcceptOnlyFromAmong("steady", "burst");
    }

    public static Command Build(ConsoleIo io)
    {
        var command = new Command("generate", "Write a synthetic access log (deterministic for given arguments).")
        {
            Lines, Duration, Rate, Seed, Start, OutputFormat, Profile, Follow, Output,
        };
        command.SetAction(async (parse, ct) =>
        {
            bool follow = parse.GetValue(Follow);
            var options = new GeneratorOptions
            {
                Lines = parse.GetValue(Lines),
                Duration = parse.GetValue(Duration) is { } s ? TimeSpan.FromSeconds(s) : null,
                Rate = parse.GetValue(Rate),
                Seed = parse.GetValue(Seed),
                Start = parse.GetValue(Start),
                Format = parse.GetValue(OutputFormat) switch
                {
                    "common" => GeneratedFormat.Common,
                    "w3c" => GeneratedFormat.W3c,
                    "json" => GeneratedFormat.Json,
                    _ => GeneratedFormat.Combined,
                },
                Profile = parse.GetValue(Profile) == "burst" ? TrafficProfile.Burst : TrafficProfile.Steady,
            };
            if (options.Validate() is { } problem) return RxLogCommand.Fail(parse.InvocationConfiguration.Error, problem);
            string? path = parse.GetValue(Output);
            try
            {
                await using var stream = path is null
                    ? StandardOutput.Open()
                    // --follow appends like `>>` (a log being written); a batch replaces the file, so the same
                    // arguments always leave the same bytes.
                    : new FileStream(path, follow ? FileMode.Append : FileMode.Create, FileAccess.Write,
                        FileShare.ReadWrite | FileShare.Delete);
                if (!follow)
                {
                    LogGenerator.WriteTo(options, stream);
                    return ExitCodes.Ok;
                }
                await LogGenerator.Follow(options, stream, DefaultScheduler.Instance)
                    .TakeUntil(Observable.Create<int>(o => ct.Register(() => o.OnNext(0))))
                    .DefaultIfEmpty()
                    .LastAsync();
                return io.SignalExitCode ?? ExitCodes.Ok;
            }
            catch (IOException) when (path is null) { return ExitCodes.OutputClosed; }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException
                                           or NotSupportedException)
            {
                return RxLogCommand.Fail(parse.InvocationConfiguration.Error, $"-o '{path}': {ex.Message}");
            }
        });
        return command;
    }
}

using System.CommandLine;
using System.Reactive.Concurrency;
using System.Reactive.Linq;
using System.Text;
using RxLog.Generation;
using RxLog.Parsing;
using RxLog.Pipeline;
using RxLog.Rendering;
using RxLog.Sources;

namespace RxLog.Cli;

/// <summary><c>rxlog demo</c>: ten minutes of generated traffic with a burst, through the real log-time pipeline,
/// paced at 30× so a newcomer sees reports, an alert and its recovery in about 20 seconds.</summary>
public static class DemoCommand
{
    private static readonly Option<double> Speed = new("--speed")
    {
        Description = "How many log seconds pass per wall-clock second.",
        DefaultValueFactory = _ => 30.0,
        CustomParser = r => CliOptions.ParseNumber(r, "--speed", min: 0.1),
    };

    public static Command Build(ConsoleIo io)
    {
        var command = new Command("demo", "Watch generated traffic with a burst raise an alert and recover (about 20 s).")
        {
            Speed, CliOptions.Json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var generator = new GeneratorOptions { Profile = TrafficProfile.Burst };
            var settings = new MonitorSettings();
            double speed = parse.GetValue(Speed);
            if (!parse.GetValue(CliOptions.Json))
                output.WriteLine($"rxlog demo: 10 minutes of generated traffic at {speed:0.#}× speed; a 3-minute burst "
                                 + $"trips the {settings.Threshold:0.#} hits/s alert (2-minute average), then it recovers.");
            var view = ViewFactory.Create(parse.GetValue(CliOptions.Json), output, error, zone: null,
                settings.Threshold);
            try
            {
                await MonitorRun.LiveAsync(Paced(generator, speed, DefaultScheduler.Instance), _ => new CommonLogParser(),
                    settings, view, DefaultScheduler.Instance, logClock: true, ct);
            }
            catch (OutputClosedException) { return ExitCodes.OutputClosed; }
            catch (OutputFailedException ex) { return RxLogCommand.Fail(error, ex.Message); }
            return io.SignalExitCode ?? ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Each log second's lines as one chunk, one chunk every <c>1 / speed</c> wall seconds.</summary>
    private static IObservable<LineChunk> Paced(GeneratorOptions options, double speed, IScheduler scheduler)
    {
        var seconds = LogGenerator.Generate(options)
            .GroupBy(line => line.Time)
            .Select(g => Encoding.UTF8.GetBytes(string.Concat(g.Select(l => l.Text.EndsWith('\n') ? l.Text : l.Text + "\n"))))
            .ToList();
        return Observable.Generate(0, i => i < seconds.Count, i => i + 1,
            i => new LineChunk("demo", seconds[i], seconds[i].Length, 1),
            _ => TimeSpan.FromSeconds(1 / speed), scheduler);
    }
}

using System.CommandLine;
using System.Reactive.Concurrency;
using RxLog.Notifying;
using RxLog.Rendering;

namespace RxLog.Cli;

/// <summary>The notifications the options ask for (<c>--on-alert</c>), and what is said of them when the run ends.</summary>
internal static class AlertNotifications
{
    /// <summary>A command is run once per event: a second run of a command that failed would do twice what it did.</summary>
    private static readonly DeliveryPolicy Hooks = new(Tries: 1);

    /// <summary>The notifier; null when nothing is to be notified. <c>check</c> replays history: it notifies only with
    /// <c>--notify</c>, and says so when a hook is given without it.</summary>
    public static Notifier? From(ParseResult parse, DisplayZone? zone, bool replaysHistory, TextWriter error)
    {
        string[] commands = parse.GetValue(CliOptions.OnAlert) ?? [];
        if (commands.Length == 0) return null;
        if (replaysHistory && !parse.GetValue(CliOptions.Notify))
        {
            error.WriteLine("rxlog: --on-alert: check replays history, so it runs the command only with --notify");
            return null;
        }
        var timeout = TimeSpan.FromSeconds(parse.GetValue(CliOptions.HookTimeout));
        return new Notifier(commands.Select(c => ((INotificationSink)new CommandHook(c, timeout), Hooks)),
            DefaultScheduler.Instance, zone);
    }

    /// <summary>The run is over (input ended, Ctrl+C or SIGTERM): waits up to <see cref="Notifier.DrainTime"/> for what is
    /// queued, then says, per sink, what was delivered, failed and dropped.</summary>
    public static async Task FinishAsync(Notifier? notifier, TextWriter error)
    {
        if (notifier is null) return;
        await notifier.DrainAsync(Notifier.DrainTime);
        foreach (string notice in notifier.TakeNotices()) error.WriteLine($"rxlog: {notice}");
        foreach (string line in notifier.SummaryLines()) error.WriteLine($"rxlog: {line}");
        error.Flush();
    }
}

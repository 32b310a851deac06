using System.CommandLine;
using System.Reactive.Concurrency;
using RxLog.Notifying;
using RxLog.Rendering;

namespace RxLog.Cli;

/// <summary>The notifications the options ask for (<c>--on-alert</c>, <c>--webhook</c>, <c>--slack</c>,
/// <c>--alertmanager</c>), and what is said of them when the run ends.</summary>
internal static class AlertNotifications
{
    /// <summary>A command is run once per event: a second run of a command that failed would do twice what it did.</summary>
    private static readonly DeliveryPolicy Hooks = new(Tries: 1);

    /// <summary>A POST that failed in a way that may pass is tried again, three tries in all.</summary>
    private static readonly DeliveryPolicy Webhooks = new(Tries: 3);

    /// <summary>Prometheus re-sends firing alerts every minute (its <c>--rules.alert.resend-delay</c>) with an
    /// <c>endsAt</c> four of those ahead; rxlog does the same, so an alert it stops sending expires by itself.</summary>
    public static readonly TimeSpan AlertmanagerResend = TimeSpan.FromMinutes(1);

    private static readonly DeliveryPolicy ToAlertmanager = new(Tries: 3, ResendWhileFiring: AlertmanagerResend);

    /// <summary>The notifier; null when nothing is to be notified. <c>check</c> replays history: it notifies only with
    /// <c>--notify</c>, and says so when a sink is given without it.</summary>
    public static Notifier? From(ParseResult parse, DisplayZone? zone, bool replaysHistory, TextWriter error)
    {
        string[] commands = parse.GetValue(CliOptions.OnAlert) ?? [];
        string[] webhooks = parse.GetValue(CliOptions.Webhook) ?? [];
        string[] slack = parse.GetValue(CliOptions.Slack) ?? [];
        string[] alertmanagers = parse.GetValue(CliOptions.Alertmanager) ?? [];
        if (commands.Length + webhooks.Length + slack.Length + alertmanagers.Length == 0) return null;
        if (replaysHistory && !parse.GetValue(CliOptions.Notify))
        {
            error.WriteLine("rxlog: check replays history, so it notifies (--on-alert, --webhook, --slack, --alertmanager) only with --notify");
            return null;
        }
        var timeout = TimeSpan.FromSeconds(parse.GetValue(CliOptions.HookTimeout));
        var clock = DefaultScheduler.Instance;
        var sinks = new List<(INotificationSink, DeliveryPolicy)>();
        sinks.AddRange(commands.Select(c => ((INotificationSink)new CommandHook(c, timeout), Hooks)));
        if (webhooks.Length + slack.Length + alertmanagers.Length > 0)
        {
            var client = new Lazy<HttpClient>(WebhookClient.Create);
            WebhookSink Post(string kind, string url, Func<AlertNotice, string> body) =>
                new(kind, new Uri(url), body, timeout, client, clock);
            sinks.AddRange(webhooks.Select(u => ((INotificationSink)Post("webhook", u, WebhookBodies.Generic), Webhooks)));
            sinks.AddRange(slack.Select(u => ((INotificationSink)Post("slack", u, WebhookBodies.Slack), Webhooks)));
            string instance = Environment.MachineName;
            sinks.AddRange(alertmanagers.Select(u => ((INotificationSink)Post("alertmanager", AlertmanagerAlerts(u),
                n => WebhookBodies.Alertmanager(n, instance, clock.Now, 4 * AlertmanagerResend)), ToAlertmanager)));
        }
        return new Notifier(sinks, clock, zone);
    }

    /// <summary>Alertmanager's URL as people give it (<c>http://host:9093</c>, maybe under a path prefix) to its alerts
    /// API; a URL that already names the API is kept.</summary>
    public static string AlertmanagerAlerts(string url)
    {
        var uri = new Uri(url);
        if (uri.AbsolutePath.TrimEnd('/').EndsWith("/api/v2/alerts", StringComparison.Ordinal)) return url;
        return new UriBuilder(uri) { Path = uri.AbsolutePath.TrimEnd('/') + "/api/v2/alerts" }.Uri.ToString();
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

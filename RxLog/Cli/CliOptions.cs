using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace RxLog.Cli;

/// <summary>Every option and argument rxlog accepts: names, aliases, descriptions, defaults and value checks.</summary>
/// <remarks>Range checks live in <c>CustomParser</c>, never in validators (DOTNET-NOTES.md §4.4 item 1).</remarks>
public static class CliOptions
{
    public static readonly Option<double> Threshold = new("--threshold", "-t")
    {
        Description = "Alert when the average hits/s over the window exceeds this.",
        HelpName = "hits/s",
        DefaultValueFactory = _ => 10.0,
        CustomParser = r => ParseNumber(r, "--threshold", min: 0),
    };

    public static readonly Option<int> Window = DurationOption("--window", "-w", 120,
        "Alert window: the average is taken over this many seconds (10, 90s, 2m, 1m30s).");

    public static readonly Option<int> Interval = DurationOption("--interval", "-i", 10,
        "Report every interval, aligned to whole multiples since the epoch (10, 10s, 1m).");

    public static readonly Option<int> Top = new("--top", "-n")
    {
        Description = "How many sections each report lists.",
        HelpName = "count",
        DefaultValueFactory = _ => 10,
        CustomParser = r => (int)ParseNumber(r, "--top", min: 1, integer: true),
    };

    public static readonly Option<int> TopClients = new("--top-clients")
    {
        Description = "How many clients (IP addresses or host names) each report lists, with their bytes; 0 for none.",
        HelpName = "count",
        DefaultValueFactory = _ => 5,
        CustomParser = r => (int)ParseNumber(r, "--top-clients", min: 0, integer: true),
    };

    public static readonly Option<int> Threads = new("--threads")
    {
        Description = "check: parse on this many cores (results are the same for any number). "
                      + "Default: every core for files over 16 MiB, else one.",
        HelpName = "count",
        DefaultValueFactory = _ => 0,
        CustomParser = r => (int)ParseNumber(r, "--threads", min: 1, integer: true),
    };

    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Write newline-delimited JSON events on stdout instead of text.",
    };

    public static readonly Option<string> Clock = new("--clock")
    {
        Description = "wall: count each line when it arrives; log: use the lines' own timestamps (as check does).",
        HelpName = "wall|log",
        DefaultValueFactory = _ => "wall",
    };

    public static readonly Option<string?> TimeZone = new("--tz")
    {
        Description = "Show times in this zone (IANA name like Europe/Paris, or an offset like +05:30) "
                      + "instead of the first record's offset.",
        HelpName = "zone",
    };

    public static readonly Option<string> Format = new("--format")
    {
        Description = "Log format: auto (detected from the first lines), common or combined (Common/Combined Log Format), "
                      + "vhost (Apache vhost_combined), w3c or iis (W3C extended), json (JSON lines).",
        HelpName = "name",
        DefaultValueFactory = _ => "auto",
    };

    public static readonly Option<string?> LogFormat = new("--log-format")
    {
        Description = "The server's own format line, pasted from its config: nginx log_format "
                      + "('$remote_addr [$time_local] \"$request\" $status ...') or Apache LogFormat ('%h %t \"%r\" %>s %b ...').",
        HelpName = "format",
    };

    public static readonly Option<string?> Regex = new("--regex")
    {
        Description = "A .NET regular expression with named groups time, status (required), path or request, bytes, "
                      + "duration (seconds), client, method.",
        HelpName = "pattern",
    };

    public static readonly Option<string?> TimeFormat = new("--time-format")
    {
        Description = "--regex: how the time group is written: clf (default), iso8601, epoch, epoch_ms, or strftime "
                      + "like '%Y-%m-%d %H:%M:%S %z' (no zone means UTC).",
        HelpName = "format",
    };

    public static readonly Option<string[]> Field = new("--field")
    {
        Description = "JSON lines: where a value is, as NAME=PATH (time=ts, path=request.uri, status=status, bytes=size, "
                      + "duration=request_time in seconds, duration_ms=..., request=...). Repeatable.",
        HelpName = "name=path",
        DefaultValueFactory = _ => [],
    };

    public static readonly Option<bool> Plain = new("--plain")
    {
        Description = "Plain text lines even on a terminal.",
    };

    public static readonly Option<string?> Rejects = new("--rejects")
    {
        Description = "Write every invalid line, verbatim, to this file.",
        HelpName = "file",
    };

    public static readonly Option<string?> Rules = new("--rules")
    {
        Description = "Alert rules (YAML): per-section rates, error ratios, latency and silence, beside the built-in "
                      + "high_traffic rule (docs/rules.md). Checked before anything is read.",
        HelpName = "file",
    };

    public static readonly Option<string?> Listen = new("--listen")
    {
        Description = "Serve Prometheus metrics (/metrics), /api/status, /events and /healthz on [HOST:]PORT; a bare port binds 127.0.0.1 only "
                      + "(0.0.0.0:PORT exposes them to the network). check keeps serving after the run until Ctrl+C.",
        HelpName = "[host:]port",
    };

    public static readonly Option<int> MetricsSections = new("--metrics-sections")
    {
        Description = "With --listen: at most this many sections get a label of their own; later ones count as section=\"other\".",
        HelpName = "count",
        DefaultValueFactory = _ => 100,
        CustomParser = r => (int)ParseNumber(r, "--metrics-sections", min: 0, integer: true),
    };

    public static readonly Option<string[]> OnAlert = new("--on-alert")
    {
        Description = "Run this shell command for each alert and recovery, the event's JSON on stdin and RXLOG_EVENT, "
                      + "RXLOG_RULE, RXLOG_VALUE, RXLOG_THRESHOLD, RXLOG_TIME, RXLOG_MESSAGE, RXLOG_LABEL_<NAME> in its "
                      + "environment (docs/notifications.md). Repeatable. check runs it only with --notify.",
        HelpName = "command",
        DefaultValueFactory = _ => [],
    };

    public static readonly Option<string[]> Webhook = UrlsOption("--webhook",
        "POST each alert and recovery to this URL as the JSON --json writes (docs/notifications.md). Repeatable.");

    public static readonly Option<string[]> Slack = UrlsOption("--slack",
        "POST each alert and recovery line as {\"text\": …} to this Slack, Mattermost or Rocket.Chat incoming webhook. Repeatable.");

    public static readonly Option<string[]> Alertmanager = UrlsOption("--alertmanager",
        "Send alerts to this Alertmanager (http://host:9093), re-sent every minute while firing, resolved on recovery. Repeatable.");

    public static readonly Option<int> HookTimeout = DurationOption("--hook-timeout", null, 10,
        "Kill an --on-alert command (its whole process group) after this long, and give up a webhook try after it: 10, 10s, 1m.");

    public static readonly Option<bool> Notify = new("--notify")
    {
        Description = "check: send the replay's alerts to --on-alert, --webhook, --slack and --alertmanager (check replays "
                      + "history, so it does not by default).",
    };

    public static readonly Option<string?> JUnit = new("--junit")
    {
        Description = "check: write the verdict as JUnit XML to this file (one test case per rule; GitLab and GitHub "
                      + "test reports read it; docs/ci.md).",
        HelpName = "file",
    };

    public static readonly Option<string> Annotations = new("--annotations")
    {
        Description = "check: GitHub workflow annotations on stderr (::error per alert); auto: when GITHUB_ACTIONS=true. "
                      + "none also leaves $GITHUB_STEP_SUMMARY alone.",
        HelpName = "auto|github|none",
        DefaultValueFactory = _ => "auto",
    };

    public static readonly Option<bool> FromStart = new("--from-start")
    {
        Description = "Read the files from their start instead of from their end.",
    };

    public static readonly Argument<string[]> WatchFiles = new("file")
    {
        Description = "Access log file(s) to follow by name, like tail -F; a quoted pattern ('/var/log/nginx/*.log') "
                      + "follows every file it matches, also ones that appear later.",
        Arity = ArgumentArity.OneOrMore,
    };

    public static readonly Argument<string[]> ReceiveAddresses = new("address")
    {
        Description = "Where to receive: udp://[HOST]:PORT, tcp://[HOST]:PORT (or syslog+udp://, syslog+tcp://). HOST "
                      + "defaults to 127.0.0.1; 0.0.0.0 or [::] receive from the network.",
        Arity = ArgumentArity.OneOrMore,
    };

    public static readonly Option<System.Net.IPNetwork[]> Allow = new("--allow")
    {
        Description = "receive: accept senders only from this network (10.0.0.0/8, 192.168.1.5/32); repeatable. "
                      + "Default: any sender that can reach the address.",
        HelpName = "cidr",
        DefaultValueFactory = _ => [],
        CustomParser = r =>
        {
            var networks = new List<System.Net.IPNetwork>();
            foreach (string text in r.Tokens.Select(t => t.Value))
                if (Sources.Network.ReceiveLimits.TryParseNetwork(text, out var network)) networks.Add(network);
                else r.AddError($"--allow: expected a network like 10.0.0.0/8 or an address, got '{Rendering.TerminalText.Sanitize(text)}'");
            return networks.ToArray();
        },
    };

    public static readonly Option<int> MaxConnections = new("--max-connections")
    {
        Description = "receive: at most this many TCP connections at once; a new one past that is closed.",
        HelpName = "count",
        DefaultValueFactory = _ => 256,
        CustomParser = r => (int)ParseNumber(r, "--max-connections", min: 1, integer: true),
    };

    public static readonly Option<int> IdleTimeout = DurationOption("--idle-timeout", null, 600,
        "receive: close a TCP connection that sent nothing for this long (its sender reconnects): 10m, 1h.");

    public static readonly Argument<string> CheckFile = new("file")
    {
        Description = "Access log to replay in log time (plain or gzip); - reads stdin.",
    };

    static CliOptions()
    {
        Clock.AcceptOnlyFromAmong("wall", "log");
        Annotations.AcceptOnlyFromAmong("auto", "github", "none");
        Format.AcceptOnlyFromAmong(Parsing.LogFormats.Names);
    }

    /// <summary>The options every monitoring command (stdin, watch, check) shares.</summary>
    public static IEnumerable<Option> Monitoring => new Option[]
    {
        Threshold, Window, Interval, Top, TopClients, Rules, Json, TimeZone, Format, LogFormat, Regex, TimeFormat, Field, Rejects,
        Plain, Listen, MetricsSections, OnAlert, Webhook, Slack, Alertmanager, HookTimeout,
    };

    /// <summary>Window and interval stop at a day: the window keeps one counter per second of it.</summary>
    public const int MaxDurationSeconds = 24 * 3600;

    private static Option<int> DurationOption(string name, string? alias, int defaultSeconds, string description) =>
        new(name, alias is null ? [] : [alias])
        {
            Description = description,
            HelpName = "duration",
            DefaultValueFactory = _ => defaultSeconds,
            CustomParser = r =>
            {
                string token = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
                if (DurationParser.TryParse(token, out int seconds) && seconds <= MaxDurationSeconds) return seconds;
                r.AddError($"{name}: expected whole seconds like 10, 90s, 2m or 1m30s (from 1 s to 24h), got '{token}'");
                return defaultSeconds;
            },
        };

    private static Option<string[]> UrlsOption(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "url",
        DefaultValueFactory = _ => [],
        CustomParser = r =>
        {
            var urls = r.Tokens.Select(t => t.Value).ToArray();
            foreach (string url in urls)
                if (!Notifying.WebhookSink.TryParse(url, out _))
                    r.AddError($"{name}: expected an absolute http:// or https:// URL (not repeated here: it may hold a token)");
            return urls;
        },
    };

    internal static double ParseNumber(ArgumentResult r, string name, double min, bool integer = false)
    {
        string token = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
        if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)
            && v >= min && (!integer || v == Math.Floor(v)) && v <= int.MaxValue)
            return v;
        r.AddError($"{name}: expected {(integer ? "a whole number" : "a number")} >= {min.ToString(CultureInfo.InvariantCulture)}, got '{token}'");
        return min;
    }
}

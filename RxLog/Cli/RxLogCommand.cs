using System.CommandLine;
using System.Reactive.Concurrency;
using System.Reactive.Linq;
using RxLog.Aggregation;
using RxLog.Parsing;
using RxLog.Pipeline;
using RxLog.Rendering;
using RxLog.Rendering.Dashboard;
using RxLog.Sources;
using RxLog.Sources.Network;

namespace RxLog.Cli;

/// <summary>Builds the command line: <c>rxlog</c> (stdin), <c>watch</c>, <c>check</c>, <c>generate</c>, <c>demo</c>.
/// Each action turns parsed values into one call into the pipeline and maps its outcome to an exit code.</summary>
public static class RxLogCommand
{
    /// <summary>How often <c>watch</c> looks at its files.</summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    // RXLOG_POLL_ONLY=1: follow files by polling alone, without inotify (FileChanges): for file systems whose notifications
    // are missing or wrong, and for tools/logrotate-harness.sh, which checks that polling alone loses nothing either.
    private static bool PollOnly() => Environment.GetEnvironmentVariable("RXLOG_POLL_ONLY") == "1";

    /// <summary>A background thread: one blocked on a read must not keep the process alive after the summary.</summary>
    private static readonly NewThreadScheduler StdinThread =
        new(start => new Thread(start) { IsBackground = true, Name = "rxlog check stdin" });

    public static RootCommand Build(ConsoleIo io)
    {
        var root = new RootCommand(
            "Real-time HTTP access-log monitor: reports the busiest sections every 10 s and alerts when the "
            + "2-minute average hit rate exceeds a threshold. Reads stdin when no command is given.");
        foreach (var option in CliOptions.Monitoring) root.Options.Add(option);
        root.Options.Add(CliOptions.Clock);
        root.SetAction((parse, ct) => StdinAsync(parse, io, ct));

        var watch = new Command("watch", "Follow access logs by name, like tail -F, through rotation and truncation.")
        {
            CliOptions.WatchFiles, CliOptions.FromStart, CliOptions.Clock,
        };
        foreach (var option in CliOptions.Monitoring) watch.Options.Add(option);
        watch.SetAction((parse, ct) => WatchAsync(parse, io, ct));

        var check = new Command("check", "Replay a log in log time as fast as possible; exit 1 if an alert fired.")
        {
            CliOptions.CheckFile, CliOptions.Threads, CliOptions.JUnit, CliOptions.Annotations, CliOptions.Notify,
        };
        foreach (var option in CliOptions.Monitoring) check.Options.Add(option);
        check.SetAction((parse, ct) => CheckAsync(parse, io, ct));

        var receive = new Command("receive", "Receive access logs over the network: syslog over UDP or TCP (nginx, rsyslog, "
            + "syslog-ng), raw lines, or JSON lines from log shippers; each sending host is a source.")
        {
            CliOptions.ReceiveAddresses, CliOptions.Allow, CliOptions.MaxConnections, CliOptions.IdleTimeout, CliOptions.Clock,
        };
        foreach (var option in CliOptions.Monitoring) receive.Options.Add(option);
        receive.SetAction((parse, ct) => ReceiveAsync(parse, io, ct));

        root.Subcommands.Add(watch);
        root.Subcommands.Add(check);
        root.Subcommands.Add(receive);
        root.Subcommands.Add(RulesCommand.Build());
        root.Subcommands.Add(GenerateCommand.Build(io));
        root.Subcommands.Add(DemoCommand.Build(io));
        return root;
    }

    private static async Task<int> CheckAsync(ParseResult parse, ConsoleIo io, CancellationToken ct)
    {
        var error = parse.InvocationConfiguration.Error;
        string file = parse.GetValue(CliOptions.CheckFile)!;
        // stdin may block for ever between lines: read it (gzip too) on a thread of its own, replayed in log time on an
        // event loop, so Ctrl+C still gives the summary at once (DOTNET-NOTES.md §4.4 item 2).
        if (file == "-")
            return await LiveAsync(parse, io, "-",
                (_, _) => FileReplaySource.ReadStream(io.OpenStdin(), "-", ct).SubscribeOn(StdinThread), ct,
                logClock: true, alertExitCode: ExitCodes.AlertFired, dashboard: false);

        var options = MonitorOptions.From(parse, out var optionError);
        if (optionError is not null) return Fail(error, optionError);
        // Opened once, here, and read from this handle: a named pipe opened twice loses what its writer sent.
        var (problem, opened) = await OpenAsync(file, ct);
        if (ct.IsCancellationRequested && opened is null)
        {
            error.WriteLine($"rxlog: {TerminalText.Sanitize(file)}: stopped while waiting to open it (opening a named pipe waits for a writer)");
            return io.SignalExitCode ?? ExitCodes.Interrupted;
        }
        if (problem is not null) return Fail(error, problem);
        // A named pipe, /dev/stdin or <(cmd) may block for ever between lines, like stdin: read it as stdin is read, so
        // Ctrl+C and SIGTERM still give the summary at once while the writer is idle.
        if (!opened!.CanSeek)
        {
            using var pipe = opened;
            return await LiveAsync(parse, io, file,
                (_, _) => FileReplaySource.ReadStream(pipe, file, ct).SubscribeOn(StdinThread), ct,
                logClock: true, alertExitCode: ExitCodes.AlertFired, dashboard: false, inputs: [file]);
        }
        using var input = opened;
        using var listener = MetricsListener.Start(options, out var listenProblem);
        if (listenProblem is not null) return Fail(error, listenProblem);
        var verdicts = CiVerdicts.From(parse, io);
        var plainView = ViewFactory.Create(options.Json, parse.InvocationConfiguration.Output, error, options.Zone,
            options.Settings.ShownThreshold, flushEachEvent: io.StdoutIsTerminal);
        var view = verdicts?.Wrap(plainView) ?? plainView;
        if (listener is not null) view = listener.Wrap(view);
        using var notifier = AlertNotifications.From(parse, options.Zone, replaysHistory: true, error);
        if (notifier is not null) view = notifier.Wrap(view);
        if (notifier is not null && listener is not null) listener.Store.Notifications = listener.Status.Notifications = notifier.Counts;
        var chosen = new FormatChoice(options, file, view);
        if (listener is not null)
            options = listener.Counting(options, "check", [file], [file], "log", parse.GetValue(CliOptions.Rules), chosen.Name);
        int threads = input.CanSeek ? CheckThreads(parse.GetValue(CliOptions.Threads), input.Length) : 1;
        // The format is fixed from the first lines whenever the file can be read twice, on any number of threads: the
        // workers need it, and one thread then parses with the same format's own parser (which counts sections and
        // clients by intern entry) rather than through the detector, so 1 and N threads choose alike.
        if (!chosen.DetectBeforeSplitting(input, file, ct)) threads = 1;
        // The replay blocks its thread while the parsing workers, on the thread pool, parse ahead. After the await above
        // this is likely a pool thread, where it would hold one of the pool's few threads (as many as cores) and leave a
        // core idle for most of the run (-19 % wall on two cores): it gets a thread of its own.
        int code = await WithRejects(options, new[] { file }, error, file, rejects => Task.Factory.StartNew(() =>
        {
            // --rejects writes invalid lines in order, so it reads the file as a stream and parses on this thread.
            using var slices = rejects is null ? FileSlices.TryFrom(input, file) : null;
            var summary = slices is not null
                ? MonitorRun.Check(slices, chosen.Format.NewParser, options.Settings, view, ct, threads, chosen.Name)
                : MonitorRun.Check(FileReplaySource.ReadStream(input, file, ct, pooledChunks: true), chosen.Format.NewParser,
                    options.Settings, view, ct, rejects, threads, chosen.Name);
            return (summary, view);
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default),
            summary => Outcome(summary, file, chosen, io, error, alertExitCode: ExitCodes.AlertFired, options.Settings.Rules,
                verdicts, oneSource: true));
        await AlertNotifications.FinishAsync(notifier, error);
        if (listener is not null) await listener.ServeUntilStopped(error, ct);
        return code;
    }

    // open(2) of a named pipe blocks until a writer comes: it runs on a thread of its own, so Ctrl+C and SIGTERM still
    // end the run. A handle that opens after that is closed, unread.
    private static async Task<(string? Problem, FileStream? File)> OpenAsync(string file, CancellationToken ct)
    {
        var opening = Task.Run(() => (FileReplaySource.TryOpen(file, out var opened), opened), CancellationToken.None);
        try
        {
            return await opening.WaitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            _ = opening.ContinueWith(static done => done.Result.Item2?.Dispose(), TaskScheduler.Default);
            return (null, null);
        }
    }

    /// <summary>Runs with the <c>--rejects</c> file open (when asked), closes it before saying where the lines went,
    /// and maps every way a run can fail to one <c>rxlog: </c> line and its exit code.</summary>
    private static async Task<int> WithRejects(MonitorOptions options, IEnumerable<string> inputs, TextWriter error,
        string origin, Func<RejectsFile?, Task<(RunSummary Summary, IMonitorView View)>> run, Func<RunSummary, int> outcome)
    {
        if (!options.TryOpenRejects(inputs, out var rejects, out var rejectsError)) return Fail(error, rejectsError!);
        try
        {
            var (summary, view) = await run(rejects);
            rejects?.Dispose();   // the summary said where the lines went; a failure to write them out is an error
            rejects = null;
            return outcome(summary);
        }
        catch (RejectsFailedException ex) { return Fail(error, ex.Message); }
        catch (OutputClosedException) { return ExitCodes.OutputClosed; }
        catch (OutputFailedException ex) { return Fail(error, ex.Message); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return Fail(error, $"{origin}: {ex.Message}");
        }
        finally
        {
            try { rejects?.Dispose(); }
            catch (RejectsFailedException) { }   // already failing: the first error is the one reported
        }
    }

    /// <summary>Threads for <c>check</c>: as asked, else every core for a big file. Starting the workers costs about
    /// 20 ms, more than they save on a small file.</summary>
    private static int CheckThreads(int requested, long fileBytes)
    {
        if (requested > 0) return requested;
        const long Big = 16L << 20;
        return fileBytes >= Big ? Environment.ProcessorCount : 1;
    }

    private static Task<int> StdinAsync(ParseResult parse, ConsoleIo io, CancellationToken ct)
    {
        var error = parse.InvocationConfiguration.Error;
        if (io.StdinIsTerminal)
            return Task.FromResult(Fail(error,
                "nothing is piped in; try 'tail -f access.log | rxlog', 'rxlog watch FILE', 'rxlog check FILE' or 'rxlog demo'"));
        return LiveAsync(parse, io, "-", (_, _) => StdinSource.Read(io.OpenStdin()), ct);
    }

    private static Task<int> WatchAsync(ParseResult parse, ConsoleIo io, CancellationToken ct)
    {
        var files = parse.GetValue(CliOptions.WatchFiles)!;
        var error = parse.InvocationConfiguration.Error;
        // The file arguments take any word, so a mistyped option (--thershold 5) would be followed as two files that
        // never appear, and the run would go on with the default threshold.
        if (files.FirstOrDefault(f => f.StartsWith('-') && f.Length > 1 && !File.Exists(f)) is { } unknown)
            return Task.FromResult(Fail(error, $"unrecognized option '{unknown}' for watch (see 'rxlog watch --help'; a file named like an option: ./{unknown})"));
        // Following by name means seeking and re-opening: a named pipe or a device is read once, as a stream.
        if (files.FirstOrDefault(LibcStat.IsSpecialFile) is { } special)
            return Task.FromResult(Fail(error, $"{special}: not a regular file; watch follows files by name (read a pipe with: rxlog < {special})"));
        bool fromStart = parse.GetValue(CliOptions.FromStart);
        // A pattern may come to match the --rejects file, and rxlog would read what it writes.
        if (parse.GetValue(CliOptions.Rejects) is { } rejects
            && files.FirstOrDefault(f => WatchGlob.Expands(f) && WatchGlob.Matches(f, rejects)) is { } pattern)
            return Task.FromResult(Fail(error, $"--rejects: {rejects} matches {pattern}, an input; choose another file"));
        // Starting at the end, the alert window is filled from each file's last W seconds; in log time the lines'
        // own timestamps are the clock, and there is no "last W seconds before now" to fill.
        bool backfill = !fromStart && parse.GetValue(CliOptions.Clock) != "log";
        var notices = new NoticeRelay();
        var inputs = files.SelectMany(f => WatchGlob.Expands(f) ? WatchGlob.Expand(f) : [f]).ToList();
        return LiveAsync(parse, io, string.Join(", ", files), (options, chosen) => WatchSources.Follow(files,
                DefaultScheduler.Instance, PollInterval, fromStart, notices.Post,
                backfill ? f => new WindowBackfill(options.Settings.WindowSeconds, () => chosen.NewBackfillParserFor(f)) : null,
                PollOnly() ? null : FileChanges.Of),
            ct, notices, inputs: inputs, named: files);
    }

    private static async Task<int> ReceiveAsync(ParseResult parse, ConsoleIo io, CancellationToken ct)
    {
        var error = parse.InvocationConfiguration.Error;
        var addresses = new List<ReceiveAddress>();
        foreach (string text in parse.GetValue(CliOptions.ReceiveAddresses)!)
        {
            if (!ReceiveAddress.TryParse(text, out var address, out var problem)) return Fail(error, problem!);
            addresses.Add(address!);
        }
        var limits = new ReceiveLimits(parse.GetValue(CliOptions.Allow) ?? [], parse.GetValue(CliOptions.MaxConnections),
            TimeSpan.FromSeconds(parse.GetValue(CliOptions.IdleTimeout)));
        using var receiver = NetworkReceiver.Bind(addresses, limits, out var bindProblem);
        if (receiver is null) return Fail(error, bindProblem!);
        var notices = new NoticeRelay();
        var bound = receiver.Bound.ToList();
        notices.Post($"receiving on {string.Join(", ", bound)}");
        int code = await LiveAsync(parse, io, string.Join(", ", bound),
            (_, _) => receiver.Receive(DefaultScheduler.Instance, notices.Post), ct, notices, inputs: [], named: bound, listHosts: true,
            udpDrops: receiver.Drops);
        // UDP loses what the kernel could not buffer: the run ends by saying how much, 0 included.
        foreach (var (address, drops) in receiver.Drops())
            error.WriteLine($"rxlog: {address}: {(drops is { } d ? NumberText.Integer(d) : "an unknown number of")} datagrams dropped by the kernel");
        error.Flush();
        return code;
    }

    /// <param name="open">Makes the sources once the options are known (the window, and the format to backfill in).</param>
    private static async Task<int> LiveAsync(ParseResult parse, ConsoleIo io, string origin,
        Func<MonitorOptions, FormatChoice, IObservable<LineChunk>> open, CancellationToken ct, NoticeRelay? notices = null,
        bool? logClock = null, int alertExitCode = ExitCodes.Ok, IReadOnlyList<string>? inputs = null, bool dashboard = true,
        IReadOnlyList<string>? named = null, bool listHosts = false,
        Func<IEnumerable<(string Address, long? Drops)>>? udpDrops = null)
    {
        var error = parse.InvocationConfiguration.Error;
        var options = MonitorOptions.From(parse, out var optionError);
        if (optionError is not null) return Fail(error, optionError);
        // rxlog receive: each report lists its busiest hosts, as many as sections.
        if (listHosts) options = options with { Settings = options.Settings with { TopHosts = Math.Max(1, options.Settings.Top) } };
        using var listener = MetricsListener.Start(options, out var listenProblem);
        if (listenProblem is not null) return Fail(error, listenProblem);
        var live = dashboard   // check stays plain, also on stdin
            ? new LiveTerminal(parse.GetValue(CliOptions.Plain), io.StdoutIsTerminal, io.Term, origin, options.Settings,
                Resizes: io.Resizes)
            : null;
        var verdicts = alertExitCode == ExitCodes.AlertFired ? CiVerdicts.From(parse, io) : null;   // check only
        var plainView = ViewFactory.Create(options.Json, parse.InvocationConfiguration.Output,
            error, options.Zone, options.Settings.ShownThreshold, live);
        var view = verdicts?.Wrap(plainView) ?? plainView;
        if (listener is not null)
        {
            view = listener.Wrap(view);
            if (alertExitCode != ExitCodes.AlertFired) view.OnNotice($"serving metrics on {listener.Url}/metrics");
        }
        using var notifier = AlertNotifications.From(parse, options.Zone, replaysHistory: alertExitCode == ExitCodes.AlertFired,
            error);
        if (notifier is not null) view = notifier.Wrap(view);
        if (notifier is not null && listener is not null) listener.Store.Notifications = listener.Status.Notifications = notifier.Counts;
        if (listener is not null) listener.Store.UdpDrops = udpDrops;
        notices?.Attach(view);
        bool inLogTime = logClock ?? parse.GetValue(CliOptions.Clock) == "log";
        var chosen = new FormatChoice(options, origin, view, sayUndetected: alertExitCode != ExitCodes.AlertFired);
        if (listener is not null)
        {
            string mode = listHosts ? "receive" : alertExitCode == ExitCodes.AlertFired ? "check" : notices is not null ? "watch" : "stdin";
            options = listener.Counting(options, mode, named ?? inputs ?? ["-"], inputs ?? ["-"], inLogTime ? "log" : "wall",
                parse.GetValue(CliOptions.Rules), chosen.Name);
        }
        int code = await WithRejects(options, inputs ?? Array.Empty<string>(), error, origin, async rejects =>
        {
            var summary = await MonitorRun.LiveAsync(open(options, chosen), chosen.NewParserFor,
                options.Settings with { ReportIdleIntervals = !inLogTime }, view, DefaultScheduler.Instance, inLogTime, ct, rejects,
                chosen.Name);
            return (summary, view);
        }, summary => Outcome(summary, origin, chosen, io, error, alertExitCode, options.Settings.Rules, verdicts,
            oneSource: inputs is null || alertExitCode == ExitCodes.AlertFired));
        await AlertNotifications.FinishAsync(notifier, error);
        if (listener is not null && alertExitCode == ExitCodes.AlertFired) await listener.ServeUntilStopped(error, ct);
        return code;
    }

    /// <summary>Exit code for a finished run: a signal wins, then "nothing but invalid lines" (2), then alerts.</summary>
    /// <param name="oneSource">True when <paramref name="origin"/> is the one source every line came from (check, stdin).</param>
    private static int Outcome(RunSummary summary, string origin, FormatChoice format, ConsoleIo io, TextWriter error,
        int alertExitCode, Alerting.Rules.RuleSet? rules = null, CiVerdicts? verdicts = null, bool oneSource = false)
    {
        if (verdicts?.Write(origin, summary, error) is { } problem) return Fail(error, problem);
        // A latency rule over a log without response times never decides: said once, not left to look like quiet.
        if (summary.Hits > 0 && summary.ResponseTime is null && rules is not null)
            foreach (var rule in rules.Rules.Where(r => r.Kind == Alerting.Rules.RuleKind.Latency))
                error.WriteLine($"rxlog: rules: {rule.Name}: no line carried a response time, so this latency rule never decided "
                                + "(see docs/formats.md for the fields that carry one)");
        // Likewise a rule scoped to a source this run did not read (a path mistyped, or check of another file).
        if (oneSource && rules is not null)
            foreach (var rule in rules.Rules.Where(r => r.Scope.Source is { } source && !SourceNames.Matches(source, origin)))
                error.WriteLine($"rxlog: rules: {rule.Name}: source {TerminalText.Sanitize(rule.Scope.Source!)} is not "
                                + $"{TerminalText.Sanitize(origin)}, the input of this run, so this rule counted no hit");
        if (io.SignalExitCode is { } signal) return signal;
        if (summary.Hits == 0 && summary.Invalid > 0)
        {
            string first = TerminalText.Sanitize(Shorten(summary.FirstInvalidLine ?? ""));
            return Fail(error, $"{origin}: no record of {format.Expected} in {summary.Invalid} "
                               + $"invalid line(s); the first was: {first}");
        }
        return summary.Alerts > 0 ? alertExitCode : ExitCodes.Ok;
    }

    private static string Shorten(string line) => line.Length <= 120 ? line : line[..120] + "…";

    /// <summary>The first parse error as one line (System.CommandLine's own messages may span lines), exit 2.</summary>
    public static int FailParse(ParseResult parse, TextWriter error)
    {
        var words = parse.Errors[0].Message.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return Fail(error, $"{string.Join(' ', words)} (see 'rxlog --help')");
    }

    internal static int Fail(TextWriter error, string message)
    {
        // Messages quote file names and log text: nothing in them may drive the terminal (BAD-INPUTS.md).
        error.WriteLine($"rxlog: {TerminalText.Sanitize(message)}");
        return ExitCodes.Usage;
    }
}

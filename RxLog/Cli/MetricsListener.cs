using System.Reactive.Concurrency;
using System.Net.Sockets;
using RxLog.Rendering;
using RxLog.Aggregation;
using RxLog.Rendering.Metrics;
using RxLog.Rendering.Status;
using RxLog.Serving;

namespace RxLog.Cli;

/// <summary><c>--listen</c>: the metrics kept from the run's events (<see cref="MetricsStore"/>), served by a responder
/// of rxlog's own (<see cref="HttpResponder"/>) for as long as the run lasts, and for <c>check</c> until Ctrl+C.</summary>
internal sealed class MetricsListener : IDisposable
{
    private readonly HttpResponder _responder;
    private readonly IDisposable _heartbeats;

    private MetricsListener(MetricsStore store, StatusStore status, SourceLines lines, EventFeed events, HttpResponder responder)
    {
        Store = store;
        Status = status;
        Lines = lines;
        Events = events;
        _responder = responder;
        _heartbeats = events.HeartbeatEvery(TimeSpan.FromSeconds(15), DefaultScheduler.Instance);
    }

    public MetricsStore Store { get; }

    /// <summary>What <c>/api/status</c> answers.</summary>
    public StatusStore Status { get; }

    /// <summary>The lines read per source, which the run counts (<see cref="Counting"/>).</summary>
    public SourceLines Lines { get; }

    /// <summary>The events for <c>/events</c>.</summary>
    public EventFeed Events { get; }

    /// <summary>Where it serves, with the port chosen when <c>--listen</c> said 0.</summary>
    public string Url => $"http://{(_responder.LocalEndpoint.AddressFamily == AddressFamily.InterNetworkV6
        ? $"[{_responder.LocalEndpoint.Address}]" : _responder.LocalEndpoint.Address.ToString())}:{_responder.LocalEndpoint.Port}";

    /// <summary>Starts serving when <c>--listen</c> was given; null otherwise, and null with a one-line problem when
    /// the address cannot be bound (in use, not an address of this machine).</summary>
    public static MetricsListener? Start(MonitorOptions options, out string? problem)
    {
        problem = null;
        if (options.Listen is not { } endpoint) return null;
        var settings = options.Settings;
        var rules = StatusStore.RulesOf(settings).ToList();
        var lines = new SourceLines();
        var store = new MetricsStore(options.MetricsSections, rules.Select(r => r.Name), lines);
        var status = new StatusStore(new StatusOptions(Mode: "", Inputs: [], Format: null, Clock: "wall", settings.ShownThreshold,
            settings.WindowSeconds, settings.IntervalSeconds, settings.Top, settings.TopClients, RulesFile: null,
            Listen: endpoint.ToString(), options.MetricsSections), rules, lines, options.Zone, DefaultScheduler.Instance);
        var events = new EventFeed(options.Zone);
        try
        {
            return new MetricsListener(store, status, lines, events,
                HttpResponder.Start(endpoint, MonitorEndpoints.Handler(store, status, events), HttpResponderOptions.Default));
        }
        catch (SocketException ex)
        {
            problem = $"--listen {endpoint}: cannot listen there: {ex.Message}";
            return null;
        }
    }

    /// <summary>The user's view, with the metrics, the status and the event stream reading the same events.</summary>
    public IMonitorView Wrap(IMonitorView view) => new TeeView(new TeeView(new TeeView(view, Store), Status), Events);

    /// <summary>The options with the run counting the lines it reads from each source, each input listed from the
    /// start (a file <c>watch</c> waits for included), and the status told how the run was started.</summary>
    /// <param name="named">The inputs as the command line names them (patterns as typed).</param>
    /// <param name="expected">The sources read from the start (patterns as they expand now).</param>
    public MonitorOptions Counting(MonitorOptions options, string mode, IReadOnlyList<string> named,
        IReadOnlyList<string> expected, string clock, string? rulesFile, Func<string?> format)
    {
        foreach (string source in expected) Lines.Expect(source);
        Status.Describe(mode, named, clock, rulesFile, format);
        return options with { Settings = options.Settings with { LinesRead = Lines } };
    }

    /// <summary><c>check</c>: the run is over; serves its final metrics until Ctrl+C or SIGTERM.</summary>
    public async Task ServeUntilStopped(TextWriter error, CancellationToken ct)
    {
        if (ct.IsCancellationRequested) return;
        error.WriteLine($"rxlog: the run is over; serving its metrics on {Url}/metrics until Ctrl+C");
        error.Flush();
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (ct.Register(() => stopped.TrySetResult())) await stopped.Task;
    }

    public void Dispose()
    {
        _heartbeats.Dispose();
        _responder.Dispose();
    }
}

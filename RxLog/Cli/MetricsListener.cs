using System.Reactive.Concurrency;
using System.Net.Sockets;
using RxLog.Rendering;
using RxLog.Rendering.Metrics;
using RxLog.Serving;

namespace RxLog.Cli;

/// <summary><c>--listen</c>: the metrics kept from the run's events (<see cref="MetricsStore"/>), served by a responder
/// of rxlog's own (<see cref="HttpResponder"/>) for as long as the run lasts, and for <c>check</c> until Ctrl+C.</summary>
internal sealed class MetricsListener : IDisposable
{
    private readonly HttpResponder _responder;
    private readonly IDisposable _heartbeats;

    private MetricsListener(MetricsStore store, EventFeed events, HttpResponder responder)
    {
        Store = store;
        Events = events;
        _responder = responder;
        _heartbeats = events.HeartbeatEvery(TimeSpan.FromSeconds(15), DefaultScheduler.Instance);
    }

    public MetricsStore Store { get; }

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
        var rules = new List<string>();
        if (options.Settings.Rules?.HighTrafficOff != true) rules.Add(Alerting.Rules.AlertRule.HighTrafficName);
        rules.AddRange(options.Settings.Rules?.Rules.Select(r => r.Name) ?? []);
        var store = new MetricsStore(options.MetricsSections, rules);
        var events = new EventFeed(options.Zone);
        try
        {
            return new MetricsListener(store, events,
                HttpResponder.Start(endpoint, MonitorEndpoints.Handler(store, events), HttpResponderOptions.Default));
        }
        catch (SocketException ex)
        {
            problem = $"--listen {endpoint}: cannot listen there: {ex.Message}";
            return null;
        }
    }

    /// <summary>The user's view, with the metrics and the event stream reading the same events.</summary>
    public IMonitorView Wrap(IMonitorView view) => new TeeView(new TeeView(view, Store), Events);

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

using System.Reactive.Concurrency;
using System.Reactive.Linq;
using System.Threading.Channels;
using RxLog.Pipeline;
using RxLog.Rendering;

namespace RxLog.Serving;

/// <summary>The run's events as Server-Sent Events for <c>GET /events</c>: each event the same JSON object <c>--json</c>
/// writes, framed as <c>id: N</c>, <c>event: report|alert|recovered|summary</c>, <c>data: {…}</c>; the newest
/// <see cref="HistorySize"/> kept so a client that reconnects with <c>Last-Event-ID</c> resumes where it left off; a
/// comment heartbeat on the injected scheduler so proxies keep the stream open.</summary>
/// <remarks>Each client has a bounded buffer (<see cref="ClientBuffer"/> frames beyond the history it resumed with).
/// The pipeline only ever tries to add to it: a client whose buffer is full is dropped (its stream ends) and counted,
/// never waited for.</remarks>
public sealed class EventFeed : IMonitorView
{
    /// <summary>Events kept for clients that resume.</summary>
    public const int HistorySize = 1000;

    /// <summary>Frames a client may fall behind by before it is dropped.</summary>
    public const int ClientBuffer = 256;

    /// <summary>The comment a heartbeat sends.</summary>
    public const string HeartbeatFrame = ": heartbeat\n\n";

    private readonly object _gate = new();
    private readonly Queue<(long Id, string Frame)> _history = new();
    private readonly List<Channel<string>> _clients = new();
    private readonly EventJson _json;
    private long _nextId = 1;

    /// <param name="zone">The zone times are written in, as for <c>--json</c>.</param>
    public EventFeed(DisplayZone? zone = null) => _json = new EventJson(zone);

    /// <summary>Clients dropped because they did not read.</summary>
    public long DroppedClients { get; private set; }

    /// <summary>Events older than the history, no longer there to resume from.</summary>
    public long OlderThanHistory { get; private set; }

    public void OnEvent(MonitorEvent monitorEvent)
    {
        lock (_gate)
        {
            if (_json.Of(monitorEvent) is not { } json) return;
            long id = _nextId++;
            string frame = $"id: {id}\nevent: {EventJson.TypeOf(json)}\ndata: {json}\n\n";
            _history.Enqueue((id, frame));
            if (_history.Count > HistorySize)
            {
                _history.Dequeue();
                OlderThanHistory++;
            }
            Send(frame);
        }
    }

    public void OnNotice(string message)
    {
    }

    /// <summary>A comment to every client, so a quiet stream is not closed by a proxy's idle timeout.</summary>
    public void Heartbeat()
    {
        lock (_gate) Send(HeartbeatFrame);
    }

    /// <summary>Heartbeats every <paramref name="every"/> on <paramref name="scheduler"/>, until disposed.</summary>
    public IDisposable HeartbeatEvery(TimeSpan every, IScheduler scheduler) =>
        Observable.Interval(every, scheduler).Subscribe(_ => Heartbeat());

    /// <summary>A new client's frames: those after <paramref name="lastEventId"/> still in the history, then each new
    /// one. Without an id, new events only.</summary>
    public ChannelReader<string> Subscribe(long? lastEventId)
    {
        var client = Channel.CreateBounded<string>(new BoundedChannelOptions(ClientBuffer + HistorySize)
            { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });
        lock (_gate)
        {
            if (lastEventId is { } last)
                foreach (var (id, frame) in _history)
                    if (id > last) client.Writer.TryWrite(frame);
            _clients.Add(client);
        }
        return client.Reader;
    }

    /// <summary>The client has gone: stop sending to it.</summary>
    public void Unsubscribe(ChannelReader<string> reader)
    {
        lock (_gate) _clients.RemoveAll(c => c.Reader == reader);
    }

    // Under the gate. A client whose buffer is full (it fell ClientBuffer frames behind, beyond what it resumed with) is
    // dropped: the pipeline never waits.
    private void Send(string frame)
    {
        for (int i = _clients.Count - 1; i >= 0; i--)
        {
            var client = _clients[i];
            if (client.Writer.TryWrite(frame)) continue;
            client.Writer.TryComplete();
            _clients.RemoveAt(i);
            DroppedClients++;
        }
    }
}

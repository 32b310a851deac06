using RxLog.Pipeline;

namespace RxLog.Rendering;

/// <summary>Hands every event to two views: what the user watches, and another reader of the same events (the metrics
/// served on <c>--listen</c>), notices included.</summary>
public sealed class TeeView(IMonitorView first, IMonitorView second) : IMonitorView
{
    public void OnEvent(MonitorEvent monitorEvent)
    {
        second.OnEvent(monitorEvent);   // in memory, never fails on a closed output: first, so a scrape sees the summary
        first.OnEvent(monitorEvent);
    }

    public void OnNotice(string message)
    {
        second.OnNotice(message);
        first.OnNotice(message);
    }
}

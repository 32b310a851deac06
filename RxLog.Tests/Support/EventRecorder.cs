using RxLog.Pipeline;
using RxLog.Rendering;

namespace RxLog.Tests.Support;

/// <summary>A view that keeps every event and notice it is shown, for tests that run the whole monitor.</summary>
internal sealed class EventRecorder : IMonitorView
{
    public List<MonitorEvent> Events { get; } = new();
    public List<string> Notices { get; } = new();
    public void OnEvent(MonitorEvent monitorEvent) => Events.Add(monitorEvent);
    public void OnNotice(string message) => Notices.Add(message);
}

using RxLog.Pipeline;

namespace RxLog.Rendering;

/// <summary>All the pipeline knows of output: it hands every event, in order, to one view.</summary>
/// <remarks>Views are called on one thread at a time and must not throw for any log content.</remarks>
public interface IMonitorView
{
    /// <summary>A report, alert, recovery or the final summary, in time order.</summary>
    void OnEvent(MonitorEvent monitorEvent);

    /// <summary>A one-line notice for the user (format detected, waiting for a file), not an event.</summary>
    void OnNotice(string message);
}

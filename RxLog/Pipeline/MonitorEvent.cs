namespace RxLog.Pipeline;

/// <summary>Anything the pipeline tells its views: a report, an alert, a recovery, or the final summary.</summary>
/// <param name="Time">When it happened (a report's end), in the display offset (the first record's, or UTC).</param>
public abstract record MonitorEvent(DateTimeOffset Time);

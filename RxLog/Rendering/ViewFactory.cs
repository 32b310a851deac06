namespace RxLog.Rendering;

/// <summary>Chooses the view: NDJSON for <c>--json</c>, else plain text lines.</summary>
public static class ViewFactory
{
    public static IMonitorView Create(bool json, TextWriter output, TextWriter error, DisplayZone? zone,
        double? threshold = null) =>
        json ? new JsonLinesView(output, error, zone) : new PlainTextView(output, error, threshold, zone);
}

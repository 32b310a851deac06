using RxLog.Pipeline;

namespace RxLog.Rendering;

/// <summary>The JSON object <c>--json</c> writes for an event, as a string without its newline: what <c>/events</c> and
/// <c>/api/status</c> serve, written by the same writer so they can never differ from <c>--json</c>.</summary>
/// <remarks>Not thread-safe: its callers hold their own lock.</remarks>
public sealed class EventJson
{
    private readonly StringWriter _text = new();
    private readonly JsonLinesView _view;

    /// <param name="zone">The zone times are written in, as for <c>--json</c>.</param>
    public EventJson(DisplayZone? zone = null) => _view = new JsonLinesView(_text, TextWriter.Null, zone, flushEachEvent: false);

    /// <summary>The object, or null for an event <c>--json</c> does not write.</summary>
    public string? Of(MonitorEvent monitorEvent)
    {
        _view.OnEvent(monitorEvent);
        string json = _text.ToString().TrimEnd('\n');
        _text.GetStringBuilder().Clear();
        return json.Length == 0 ? null : json;
    }

    /// <summary>The <c>"type"</c> an object from <see cref="Of"/> starts with (<c>{"type":"…"</c>).</summary>
    public static string TypeOf(string json)
    {
        const string prefix = "{\"type\":\"";
        if (!json.StartsWith(prefix, StringComparison.Ordinal)) return "message";
        int end = json.IndexOf('"', prefix.Length);
        return end > 0 ? json[prefix.Length..end] : "message";
    }
}

using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace RxLog.Notifying;

/// <summary>What each kind of webhook POSTs for a notice.</summary>
public static class WebhookBodies
{
    /// <summary><c>--webhook</c>: the event as <c>--json</c> writes it.</summary>
    public static string Generic(AlertNotice notice) => notice.Json;

    /// <summary><c>--slack</c>: <c>{"text": …}</c>, the alert or recovery line, which Slack, Mattermost and Rocket.Chat
    /// incoming webhooks post as a message.</summary>
    /// <remarks>Slack reads <c>&lt;…&gt;</c> as links and mentions: a section named <c>&lt;!channel&gt;</c> would ping
    /// everyone. Its three control characters are escaped as Slack asks (&amp;amp; &amp;lt; &amp;gt;), so log text is
    /// shown, never acted on.</remarks>
    public static string Slack(AlertNotice notice) => Json(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("text", SlackEscape(notice.Message));
        writer.WriteEndObject();
    });

    public static string SlackEscape(string text) =>
        text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    /// <summary><c>--alertmanager</c>: a one-alert array for <c>POST /api/v2/alerts</c>. Labels: <c>alertname</c> (the
    /// rule), <c>instance</c> (unless the rule gives its own), then the rule's labels; annotations: <c>summary</c> (the rule's, else the line) and
    /// <c>description</c> (the line); <c>startsAt</c> when the alert was raised.</summary>
    /// <param name="now">The clock when the body is sent.</param>
    /// <param name="validFor">While firing, <c>endsAt</c> is <paramref name="now"/> plus this: an alert rxlog stops
    /// re-sending (it was stopped) expires by itself instead of firing forever, as Prometheus does.</param>
    public static string Alertmanager(AlertNotice notice, string instance, DateTimeOffset now,
        TimeSpan validFor) => Json(writer =>
    {
        writer.WriteStartArray();
        writer.WriteStartObject();
        writer.WriteStartObject("labels");
        writer.WriteString("alertname", notice.Rule);
        if (!notice.Labels.Any(l => l.Key == "instance")) writer.WriteString("instance", instance);
        foreach (var (name, value) in notice.Labels)
            if (name != "alertname") writer.WriteString(name, value);
        writer.WriteEndObject();
        writer.WriteStartObject("annotations");
        writer.WriteString("summary", notice.Summary ?? notice.Message);
        writer.WriteString("description", notice.Message);
        writer.WriteEndObject();
        writer.WriteString("startsAt", notice.Since);   // for a recovery, when the alert it ends was raised
        writer.WriteString("endsAt", notice.IsAlert ? Rendering.TimeFormat.Iso(now + validFor) : notice.Time);
        writer.WriteEndObject();
        writer.WriteEndArray();
    });

    // Bodies go to APIs, never into a page: only what JSON requires is escaped (the default encoder would write a
    // section's "+" or "<" as \u002B, \u003C, which receivers show as such in chat).
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, Options)) write(writer);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace RxLog.Rendering.Status;

/// <summary>What <c>GET /api/status</c> answers: the run as it stands. Field names are snake_case like <c>--json</c>'s;
/// the report, the alerts and the summary are the very objects <c>--json</c> writes. Fields may be added, never
/// renamed (docs/metrics.md).</summary>
/// <param name="Version">rxlog's version.</param>
/// <param name="Running">False once the input has ended (<c>check</c>: the replay is over).</param>
/// <param name="Sources">Each source in the order first seen (past the bound, one <c>other</c>).</param>
/// <param name="Report">The latest report; null before the first.</param>
/// <param name="Rules">Each rule, the built-in one first unless off.</param>
/// <param name="Alerts">Alerts and recoveries, newest first, at most <see cref="StatusStore.AlertHistory"/>.</param>
/// <param name="OlderAlerts">Alerts and recoveries older than those.</param>
/// <param name="Summary">The summary, once the run has ended.</param>
/// <param name="Notices">The newest notices (a file rotated, truncated, missing), newest first.</param>
/// <param name="Notifications">Each notification sink with what it delivered, failed, dropped and re-sent while firing.</param>
public sealed record StatusDocument(string Version, bool Running, StatusOptions Options, IReadOnlyList<SourceStatus> Sources,
    EventObject? Report, IReadOnlyList<RuleStatus> Rules, IReadOnlyList<EventObject> Alerts, long OlderAlerts,
    EventObject? Summary, IReadOnlyList<NoticeStatus> Notices, IReadOnlyList<Notifying.SinkCounts> Notifications);

/// <summary>An object as <c>--json</c> wrote it, passed on byte for byte (its log text is already escaped to ASCII).</summary>
[JsonConverter(typeof(EventObjectConverter))]
public sealed record EventObject(string Json);

/// <summary>Writes an <see cref="EventObject"/> as the JSON it is.</summary>
public sealed class EventObjectConverter : JsonConverter<EventObject>
{
    public override EventObject Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return new EventObject(document.RootElement.GetRawText());
    }

    public override void Write(Utf8JsonWriter writer, EventObject value, JsonSerializerOptions options) =>
        writer.WriteRawValue(value.Json, skipInputValidation: true);
}

/// <summary>How the run was started.</summary>
/// <param name="Mode"><c>stdin</c>, <c>watch</c> or <c>check</c>.</param>
/// <param name="Inputs">The files as named (<c>-</c> for stdin), patterns included.</param>
/// <param name="Format">The log format, once known (chosen or detected).</param>
/// <param name="Clock"><c>wall</c> or <c>log</c>.</param>
/// <param name="Threshold">The built-in rule's threshold, hits/s; null when the rules file turns it off.</param>
public sealed record StatusOptions(string Mode, IReadOnlyList<string> Inputs, string? Format, string Clock, double? Threshold,
    int WindowSeconds, int IntervalSeconds, int Top, int TopClients, string? RulesFile, string Listen, int MetricsSections);

/// <summary>One source.</summary>
/// <param name="State"><c>waiting</c> (nothing read yet), <c>reading</c>, or <c>ended</c> (the run is over).</param>
/// <param name="Lines">Lines read from it, blank ones included, as <c>rxlog_lines_read_total</c>.</param>
/// <param name="Notice">The newest notice that names it, if any.</param>
public sealed record SourceStatus(string Source, string State, long Lines, string? Notice);

/// <summary>One rule now.</summary>
/// <param name="Threshold">In the units of <paramref name="Value"/>; null for the built-in rule turned off.</param>
/// <param name="Value">At the latest report: hits/s (rate), a fraction (ratio), seconds (latency, silence); null before
/// the first report, or when the rule made no decision.</param>
/// <param name="Alerts">Alerts it raised.</param>
public sealed record RuleStatus(string Rule, string Kind, double? Threshold, int WindowSeconds, bool Active, double? Value,
    long Alerts, IReadOnlyDictionary<string, string>? Labels);

/// <summary>A notice, with when it was said (UTC).</summary>
public sealed record NoticeStatus(string Time, string Message);

/// <summary>The serializer, generated at build time: no reflection, safe to trim.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(StatusDocument))]
internal sealed partial class StatusJson : JsonSerializerContext;

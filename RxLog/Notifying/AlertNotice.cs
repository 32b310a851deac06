using System.Globalization;
using RxLog.Alerting;
using RxLog.Alerting.Rules;
using RxLog.Pipeline;
using RxLog.Rendering;

namespace RxLog.Notifying;

/// <summary>An alert or a recovery, of any rule, as the notifiers pass it on: the values a hook gets in its
/// environment, the line the terminal shows, and the object <c>--json</c> writes.</summary>
/// <param name="Event"><c>alert</c> or <c>recovered</c>.</param>
/// <param name="Rule"><c>high_traffic</c> for the built-in rule, else the rule's name.</param>
/// <param name="Value">What the rule measured, in the units of <c>rxlog_rule_value</c>: hits/s, a fraction, seconds.</param>
/// <param name="Threshold">In the same units.</param>
/// <param name="Time">When, ISO 8601, as <c>--json</c> writes it.</param>
/// <param name="Message">The alert or recovery line as the terminal shows it.</param>
/// <param name="Labels">The rule's labels, in file order.</param>
/// <param name="Json">The event as <c>--json</c> writes it, without its newline.</param>
/// <param name="Summary">The rule's sentence for people, when the rules file gives one.</param>
public sealed record AlertNotice(string Event, string Rule, double Value, double Threshold, string Time, string Message,
    IReadOnlyList<KeyValuePair<string, string>> Labels, string Json, string? Summary = null)
{
    /// <summary>True for an alert, false for a recovery.</summary>
    public bool IsAlert => Event == "alert";

    /// <summary>When the alert was raised, as <see cref="Time"/>: for a recovery, the alert it ends (Alertmanager's
    /// <c>startsAt</c>).</summary>
    public string Since { get; init; } = Time;

    /// <summary>A firing alert sent again so that Alertmanager does not let it expire, not a new event.</summary>
    public bool Resend { get; init; }

    /// <summary>A number as the environment and the messages carry it: invariant, shortest round trip.</summary>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>The notice for an alert or a recovery; null for any other event.</summary>
    /// <param name="json">Writes the event as <c>--json</c> does (its caller holds the lock it needs).</param>
    public static AlertNotice? From(MonitorEvent monitorEvent, EventJson json, DisplayZone? zone)
    {
        string? line = PlainTextFormat.AlertLine(monitorEvent, zone);
        if (line is null) return null;
        string time = TimeFormat.Iso(zone?.Convert(monitorEvent.Time) ?? monitorEvent.Time);
        string text = json.Of(monitorEvent) ?? "{}";
        long lasted = monitorEvent switch { AlertRecovered r => r.DurationSeconds, RuleRecovered r => r.DurationSeconds, _ => 0 };
        var since = monitorEvent.Time.AddSeconds(-lasted);
        AlertNotice? notice = monitorEvent switch
        {
            AlertRaised a => new("alert", AlertRule.HighTrafficName, a.Average, a.Threshold, time, line, a.Labels ?? [], text),
            AlertRecovered r => new("recovered", AlertRule.HighTrafficName, r.Average, r.Threshold, time, line, r.Labels ?? [], text),
            RuleRaised a => new("alert", a.Rule.Name, RuleValue.InMetricUnits(a.Rule, a.Value), RuleValue.ThresholdInMetricUnits(a.Rule), time,
                line, a.Rule.LabelList, text, a.Rule.Summary),
            RuleRecovered r => new("recovered", r.Rule.Name, RuleValue.InMetricUnits(r.Rule, r.Value), RuleValue.ThresholdInMetricUnits(r.Rule),
                time, line, r.Rule.LabelList, text, r.Rule.Summary),
            _ => null,
        };
        return notice is null ? null : notice with { Since = TimeFormat.Iso(zone?.Convert(since) ?? since) };
    }
}

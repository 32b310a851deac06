using RxLog.Aggregation;
using RxLog.Alerting;
using RxLog.Alerting.Rules;
using RxLog.Pipeline;

namespace RxLog.Rendering.Dashboard;

/// <summary>What the dashboard knows, learnt from events alone (no clock): the first and latest event times, the
/// latest report, recent rates, and every alert and recovery. Pure, so it is tested without a console.</summary>
public sealed class DashboardState
{
    /// <summary>Reports whose rate the sparkline keeps.</summary>
    public const int RateCapacity = 30;

    private readonly Queue<double> _rates = new(RateCapacity);
    private readonly List<MonitorEvent> _history = new(); // alerts and recoveries of every rule, oldest first

    /// <summary>The earliest time seen: the first report's start, or the first event's time.</summary>
    public DateTimeOffset? First { get; private set; }

    /// <summary>The latest event time seen.</summary>
    public DateTimeOffset? Latest { get; private set; }

    public TrafficReport? LastReport { get; private set; }

    /// <summary>The alert now active, or null.</summary>
    public AlertRaised? ActiveAlert { get; private set; }

    /// <summary>The last notice, sanitised; null before any.</summary>
    public string? Notice { get; private set; }

    /// <summary>Hits per second of the last <see cref="RateCapacity"/> reports, oldest first.</summary>
    public IReadOnlyCollection<double> Rates => _rates;

    /// <summary>Every alert and recovery, oldest first.</summary>
    public IReadOnlyList<MonitorEvent> History => _history;

    /// <summary>Time from the first to the latest event (log or pipeline time, never the wall clock).</summary>
    public TimeSpan Uptime => First is { } f && Latest is { } l && l > f ? l - f : TimeSpan.Zero;

    public void Apply(MonitorEvent monitorEvent)
    {
        ArgumentNullException.ThrowIfNull(monitorEvent);
        See(monitorEvent is TrafficReport r ? r.Start : monitorEvent.Time);
        See(monitorEvent.Time);
        switch (monitorEvent)
        {
            case TrafficReport report:
                LastReport = report;
                double seconds = (report.End - report.Start).TotalSeconds;
                if (_rates.Count == RateCapacity) _rates.Dequeue();
                _rates.Enqueue(seconds > 0 ? report.Hits / seconds : 0);
                break;
            case AlertRaised alert:
                ActiveAlert = alert;
                _history.Add(alert);
                break;
            case AlertRecovered recovery:
                ActiveAlert = null;
                _history.Add(recovery);
                break;
            case RuleRaised or RuleRecovered:
                _history.Add(monitorEvent);
                break;
        }
    }

    public void SetNotice(string message) => Notice = TerminalText.Sanitize(message ?? "");

    private void See(DateTimeOffset time)
    {
        if (First is null || time < First) First = time;
        if (Latest is null || time > Latest) Latest = time;
    }
}

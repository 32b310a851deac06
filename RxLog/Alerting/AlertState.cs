namespace RxLog.Alerting;

/// <summary>The high-traffic alert as a pure state machine, decided once per whole-second boundary.</summary>
/// <remarks>CONTRACT.md "Alerts": not alerting, <c>avg &gt; T</c> raises; alerting, <c>avg &lt; T</c> recovers;
/// <c>avg == T</c> changes nothing. The average is <c>windowHits / W</c> computed from integers at each decision.</remarks>
public sealed class AlertState(double threshold, int windowSeconds)
{
    public double Threshold { get; } = threshold;
    public int WindowSeconds { get; } = windowSeconds;
    public bool Alerting { get; private set; }

    /// <summary>Boundary second at which the active alert was raised.</summary>
    public long RaisedAt { get; private set; }

    /// <summary>Alerts raised so far.</summary>
    public int AlertsRaised { get; private set; }

    /// <summary>Decides at boundary <paramref name="boundary"/> (Unix seconds) given the window's hit total.</summary>
    public AlertTransition Decide(long boundary, long windowHits)
    {
        double average = (double)windowHits / WindowSeconds;
        if (!Alerting && average > Threshold)
        {
            Alerting = true;
            RaisedAt = boundary;
            AlertsRaised++;
            return AlertTransition.Raised;
        }
        if (Alerting && average < Threshold)
        {
            Alerting = false;
            return AlertTransition.Recovered;
        }
        return AlertTransition.None;
    }
}

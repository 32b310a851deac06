namespace RxLog.Generation;

/// <summary>How the generator's hit rate changes over time (<c>--profile</c>); see <see cref="LogGenerator.Phases"/>.</summary>
public enum TrafficProfile
{
    /// <summary>One phase at the configured rate for the whole run.</summary>
    Steady,

    /// <summary>Calm, then a burst that trips the default alert, then calm long enough to recover.</summary>
    Burst,
}

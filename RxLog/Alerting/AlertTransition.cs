namespace RxLog.Alerting;

/// <summary>What one alert decision did.</summary>
public enum AlertTransition : byte
{
    None,
    Raised,
    Recovered,
}

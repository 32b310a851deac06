namespace RxLog.Generation;

/// <summary>One stretch of a generation run with a constant mean hit rate, so tests and the demo can compute
/// the expected window averages.</summary>
/// <param name="Start">Offset of the phase's first second from the start of the run (whole seconds).</param>
/// <param name="Length">How long the phase lasts (whole seconds).</param>
/// <param name="Rate">Mean hits per second; each second's count is Poisson-distributed with this mean.</param>
public readonly record struct TrafficPhase(TimeSpan Start, TimeSpan Length, double Rate)
{
    /// <summary>Offset of the first second after the phase.</summary>
    public TimeSpan End => Start + Length;
}

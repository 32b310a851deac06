namespace RxLog.Generation;

/// <summary>Draws each second's hit count from the profile's phase schedule, repeating the schedule every cycle.</summary>
/// <remarks>Counts come from their own PRNG stream, so the format (which draws more per line for Combined)
/// never moves a timestamp.</remarks>
internal sealed class TrafficShape
{
    private readonly TrafficPhase[] _phases;
    private readonly long _cycle;
    private Xoshiro256 _rng;

    // Poisson set-up for the last rate seen; rates change only at phase boundaries.
    private double _preparedRate = double.NaN;
    private int _parts;
    private double _expNegPart;

    public TrafficShape(GeneratorOptions o)
    {
        _phases = [.. PhaseSchedule(o)];
        _cycle = o.CycleSeconds;
        _rng = new Xoshiro256(o.Seed, stream: 1);
    }

    /// <summary>The count for second <paramref name="second"/> of the run; call for 0, 1, 2, … in order.</summary>
    public long CountAt(long second)
    {
        double rate = RateAt(second % _cycle);
        if (rate != _preparedRate)
        {
            (_parts, _expNegPart) = Poisson.Prepare(rate);
            _preparedRate = rate;
        }
        return Poisson.Sample(ref _rng, rate, _parts, _expNegPart);
    }

    private double RateAt(long secondInCycle)
    {
        foreach (var phase in _phases)
            if (secondInCycle < (long)phase.End.TotalSeconds)
                return phase.Rate;
        return _phases[^1].Rate;
    }

    /// <summary>The schedule <see cref="LogGenerator.Phases"/> documents.</summary>
    public static IReadOnlyList<TrafficPhase> PhaseSchedule(GeneratorOptions o)
    {
        long n = o.CycleSeconds;
        if (o.Profile == TrafficProfile.Steady)
            return [Phase(0, n, o.Rate)];
        long burstStart = n * 3 / 10, burstEnd = n * 6 / 10;
        return
        [
            Phase(0, burstStart, o.Rate / 4),
            Phase(burstStart, burstEnd, o.Rate * 3 / 2),
            Phase(burstEnd, n, o.Rate / 4),
        ];
    }

    private static TrafficPhase Phase(long from, long to, double rate) =>
        new(TimeSpan.FromSeconds(from), TimeSpan.FromSeconds(to - from), rate);
}

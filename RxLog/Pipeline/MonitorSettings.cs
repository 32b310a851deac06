namespace RxLog.Pipeline;

/// <summary>What the aggregation and alerting stages need to know, in whole seconds.</summary>
/// <param name="Threshold">Alert when the window average exceeds this many hits per second.</param>
/// <param name="WindowSeconds">The alert window W.</param>
/// <param name="IntervalSeconds">The report interval I; reports align to multiples of I since the epoch.</param>
/// <param name="Top">How many sections a report lists.</param>
/// <param name="TopClients">How many clients a report lists (0: none).</param>
/// <param name="ReportIdleIntervals">Live modes report every interval; <c>check</c> leaves out intervals with nothing in them.</param>
/// <param name="Rules">The rules file's rules (<c>--rules</c>); null without one. <see cref="Threshold"/> and
/// <see cref="WindowSeconds"/> are the built-in rule's, already as the file redefines them.</param>
/// <param name="Metrics">Reports carry what the metrics endpoint needs (<c>--listen</c>): every section, response-time
/// buckets, rule values.</param>
public sealed record MonitorSettings(double Threshold = 10, int WindowSeconds = 120, int IntervalSeconds = 10, int Top = 10,
    bool ReportIdleIntervals = false, int TopClients = 5, Alerting.Rules.RuleSet? Rules = null, bool Metrics = false)
{
    /// <summary>The built-in rule's threshold as decided: never exceeded when the rules file turns it off.</summary>
    public double BuiltInThreshold => Rules?.HighTrafficOff == true ? double.PositiveInfinity : Threshold;

    /// <summary>The threshold reports show beside the average; null when the built-in rule is off.</summary>
    public double? ShownThreshold => Rules?.HighTrafficOff == true ? null : Threshold;

    /// <summary>How many sources (receiving hosts) a report lists, the busiest first; 0: none (one source, or files).</summary>
    public int TopHosts { get; init; }

    /// <summary>Where the lines read from each source are counted (<c>--listen</c>); null: not counted.</summary>
    public Aggregation.SourceLines? LinesRead { get; init; }
}

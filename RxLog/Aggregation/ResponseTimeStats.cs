namespace RxLog.Aggregation;

/// <summary>Response times of the hits that carried one, over a report interval or the whole run.</summary>
/// <param name="Count">Hits with a response time (at least 1: with none there are no stats).</param>
/// <param name="AverageMicros">Exact mean, in microseconds.</param>
/// <param name="P50Micros">Nearest-rank median, within <see cref="ResponseTimeHistogram.RelativeErrorBound"/>.</param>
/// <param name="P95Micros">Nearest-rank 95th percentile, likewise.</param>
/// <param name="P99Micros">Nearest-rank 99th percentile, likewise.</param>
/// <remarks>A percentile equal to <see cref="ResponseTimeHistogram.TopMicros"/> means "at least that".</remarks>
public sealed record ResponseTimeStats(long Count, double AverageMicros, long P50Micros, long P95Micros, long P99Micros);

namespace RxLog.Parsing;

/// <summary>One access-log hit as the parsing stage hands it on: when, where to, and what came back.</summary>
/// <param name="Second">Log time as whole Unix seconds (UTC); the pipeline may clamp it forward.</param>
/// <param name="OffsetMinutes">The UTC offset the line was written in, kept for displaying times.</param>
/// <param name="Section">The request's section (CONTRACT.md "Section"), or null for a request without a path.
/// Interned by the parser, so equal sections are usually the same string instance.</param>
/// <param name="Status">HTTP status code (100..999); 0 when the format writes none (an Apache <c>LogFormat</c>
/// such as mod_ssl's <c>ssl_request_log</c>), which reports count as "other".</param>
/// <param name="Bytes">Response size in bytes; 0 when the log says <c>-</c>.</param>
/// <param name="DurationMicros">Response time in microseconds when the format carries one (<c>$request_time</c>,
/// <c>%D</c>, <c>time-taken</c>, a JSON <c>duration</c>); <see cref="NoDuration"/> when it does not.</param>
/// <param name="Client">The client as the log writes it (IP address or host name: CLF's first field, W3C
/// <c>c-ip</c>, JSON <c>remote_addr</c>…), interned like sections; null when the format has none or says <c>-</c>.</param>
public readonly record struct LogRecord(long Second, short OffsetMinutes, string? Section, short Status, long Bytes,
    long DurationMicros = LogRecord.NoDuration, string? Client = null)
{
    /// <summary>The line carried no response time.</summary>
    public const long NoDuration = -1;

    public bool HasDuration => DurationMicros >= 0;
}

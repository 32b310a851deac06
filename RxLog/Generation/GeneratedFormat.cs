namespace RxLog.Generation;

/// <summary>Which access-log layout <see cref="LogGenerator"/> writes (<c>--output-format</c>). Every layout carries the
/// same hits (time, request, status, bytes), so one seed gives the same traffic in each.</summary>
public enum GeneratedFormat
{
    /// <summary>Common Log Format: <c>host ident authuser [time] "request" status bytes</c>.</summary>
    Common,

    /// <summary>Combined Log Format: Common plus <c>"referer" "user-agent"</c>.</summary>
    Combined,

    /// <summary>W3C extended as IIS writes it: a <c>#Fields:</c> header, UTC date and time, <c>+</c> for spaces.</summary>
    W3c,

    /// <summary>JSON lines as nginx writes them with <c>log_format … escape=json</c>.</summary>
    Json,
}

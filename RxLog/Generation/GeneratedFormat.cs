namespace RxLog.Generation;

/// <summary>Which access-log layout <see cref="LogGenerator"/> writes (<c>--output-format</c>).</summary>
public enum GeneratedFormat
{
    /// <summary>Common Log Format: <c>host ident authuser [time] "request" status bytes</c>.</summary>
    Common,

    /// <summary>Combined Log Format: Common plus <c>"referer" "user-agent"</c>.</summary>
    Combined,
}

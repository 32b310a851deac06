namespace RxLog.Parsing.Templates;

/// <summary>Parsing stage: what one variable or directive of a log format holds, and so how its end is found.</summary>
/// <remarks>Delimited kinds end where the next literal text of the format begins; self-delimiting kinds end where
/// their syntax ends (three digits for a status, 26 bytes for CLF time…) and the next literal must follow.</remarks>
internal enum FieldKind : byte
{
    /// <summary>Free text not used (headers, unknown variables); may contain the next literal: when the rest of
    /// the line does not match, a later occurrence of it is tried.</summary>
    Skip,

    /// <summary>A non-empty word without spaces that is not used (addresses, users, hosts, methods).</summary>
    Token,

    /// <summary>The client address or host name (<c>$remote_addr</c>, <c>%a</c>, <c>%h</c>), a word like
    /// <see cref="Token"/>.</summary>
    Client,

    /// <summary>The request line <c>GET /a/b HTTP/1.1</c>, free text like <see cref="Skip"/>; section from its path.</summary>
    Request,

    /// <summary>The request path (<c>%U</c>, <c>$request_uri</c>), a word like <see cref="Token"/>; section from it.</summary>
    Path,

    /// <summary>Three digits 100..999.</summary>
    Status,

    /// <summary>A byte count, <c>-</c> for 0.</summary>
    Bytes,

    /// <summary>A response time in seconds, with an optional fraction (<c>$request_time</c>, <c>%T</c>).</summary>
    DurationSeconds,

    /// <summary>A response time in milliseconds (<c>%{ms}T</c>).</summary>
    DurationMillis,

    /// <summary>A response time in microseconds (<c>%D</c>, <c>%{us}T</c>).</summary>
    DurationMicros,

    /// <summary>CLF time, exactly 26 bytes (<c>$time_local</c>, inside Apache's <c>%t</c> brackets).</summary>
    ClfTime,

    /// <summary>ISO 8601 time (<c>$time_iso8601</c>).</summary>
    IsoTime,

    /// <summary>A strftime pattern (<c>%{…}t</c>); may be one of several time pieces.</summary>
    StrftimeTime,

    /// <summary>Unix seconds with an optional fraction (<c>$msec</c>, <c>%{sec}t</c>).</summary>
    EpochSeconds,

    /// <summary>Unix milliseconds (<c>%{msec}t</c>).</summary>
    EpochMillis,

    /// <summary>Unix microseconds (<c>%{usec}t</c>).</summary>
    EpochMicros,
}

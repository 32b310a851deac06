namespace RxLog.Parsing;

/// <summary>Parsing stage: the client of a record as every format writes it (an IP address or a host name), kept
/// as written, so <c>10.0.0.1</c> and a reverse-resolved name stay two clients, as in the log.</summary>
public static class Clients
{
    /// <summary>The interned client, or null for an empty value or <c>-</c> (the log does not know it).</summary>
    public static string? Of(ReadOnlySpan<byte> value, InternTable clients) =>
        value.IsEmpty || value is [(byte)'-'] ? null : clients.Intern(value);
}

namespace RxLog.Parsing;

/// <summary>Parsing stage: the client of a record as every format writes it (an IP address or a host name), kept
/// as written, so <c>10.0.0.1</c> and a reverse-resolved name stay two clients, as in the log.</summary>
public static class Clients
{
    /// <summary>The interned client, or null for an empty value or <c>-</c> (the log does not know it).</summary>
    public static string? Of(ReadOnlySpan<byte> value, InternTable clients) => Of(value, clients, out _);

    /// <summary><see cref="Of(ReadOnlySpan{byte}, InternTable)"/>, with the client's entry in
    /// <paramref name="clients"/> (see <see cref="InternTable.Intern(ReadOnlySpan{byte}, bool, out int)"/>).</summary>
    public static string? Of(ReadOnlySpan<byte> value, InternTable clients, out int entry)
    {
        if (value.IsEmpty || value is [(byte)'-'])
        {
            entry = -1;
            return null;
        }

        return clients.Intern(value, appendSlash: false, out entry);
    }
}

using System.Net;

namespace RxLog.Sources.Network;

/// <summary>What <c>rxlog receive</c> accepts: senders (<c>--allow</c>; all when empty), at most
/// <paramref name="MaxConnections"/> TCP connections at once, each closed after <paramref name="IdleTimeout"/> without
/// a byte.</summary>
public sealed record ReceiveLimits(IReadOnlyList<IPNetwork> Allow, int MaxConnections, TimeSpan IdleTimeout)
{
    public static readonly ReceiveLimits Default = new([], 256, TimeSpan.FromMinutes(10));

    /// <summary>An <c>--allow</c> value: a network (<c>10.0.0.0/8</c>) or one address (<c>192.168.1.5</c>, <c>::1</c>).</summary>
    public static bool TryParseNetwork(string text, out IPNetwork network) =>
        IPNetwork.TryParse(text.Contains('/') ? text : text + (text.Contains(':') ? "/128" : "/32"), out network);

    public bool Allows(IPAddress address)
    {
        if (Allow.Count == 0) return true;
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        foreach (var network in Allow)
            if (network.Contains(address)) return true;
        return false;
    }
}

/// <summary>A sender as its peer address, made a <see cref="Host"/> only when one of its messages names no host of
/// its own (a relay's address is not a host that sends lines).</summary>
public sealed class Peer(string address, HostNames hosts)
{
    private Host? _host;

    public string Address { get; } = address;

    public Host Host => _host ??= hosts.Resolve(Address);

    public static string NameOf(IPAddress address) =>
        (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
}

using System.Globalization;

namespace RxLog.Generation;

/// <summary>The site's audience for one seed: a few hundred IPv4 clients, some IPv6 ones and a couple of host
/// names, by Zipf popularity, each with the user agent it usually sends.</summary>
internal sealed class ClientPool
{
    private const int V4Count = 320;

    public ClientPool(ulong seed, WeightedTable agents)
    {
        var rng = new Xoshiro256(seed, stream: 3);
        var hosts = new List<string>(V4Count + 8);
        for (int i = 0; i < V4Count; i++)
            hosts.Add(NextV4(ref rng));
        // Special clients at fixed popularity ranks: a busy crawler, a corporate proxy, some IPv6 users.
        hosts.Insert(2, "crawl-66-249-66-1.googlebot.com");
        hosts.Insert(11, string.Create(CultureInfo.InvariantCulture, $"2001:db8:{rng.Below(0xffff):x}::{rng.Below(0xffff):x}"));
        hosts.Insert(25, "proxy.example.net");
        hosts.Insert(60, string.Create(CultureInfo.InvariantCulture, $"2a01:4f8:{rng.Below(0xffff):x}:{rng.Below(0xffff):x}::2"));
        hosts.Insert(140, string.Create(CultureInfo.InvariantCulture, $"2600:1700:{rng.Below(0xffff):x}::{rng.Below(0xffff):x}"));
        hosts.Insert(230, "2001:db8:85a3::8a2e:370:7334");
        Hosts = WeightedTable.Zipf(hosts);
        PreferredAgent = new int[hosts.Count];
        for (int i = 0; i < hosts.Count; i++)
            PreferredAgent[i] = hosts[i].Contains("googlebot", StringComparison.Ordinal)
                ? Vocabulary.GooglebotAgent
                : agents.PickIndex(ref rng);
    }

    public WeightedTable Hosts { get; }

    /// <summary>For each host index, the index of the agent it sends most of the time.</summary>
    public int[] PreferredAgent { get; }

    private static string NextV4(ref Xoshiro256 rng)
    {
        int a;
        do a = 1 + rng.Below(223);
        while (a is 10 or 127 or 169 or 172 or 192);
        return string.Create(CultureInfo.InvariantCulture, $"{a}.{rng.Below(256)}.{rng.Below(256)}.{1 + rng.Below(254)}");
    }
}

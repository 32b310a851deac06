using System.Text;

namespace RxLog.Sources.Network;

/// <summary>One sending host: the name its lines are counted under (the source of its lines), and the number their
/// next line will carry.</summary>
public sealed class Host(string name)
{
    public string Name { get; } = name;

    /// <summary>1-based number of this host's next line; moved only under the emitting lock.</summary>
    public long NextLine { get; set; } = 1;
}

/// <summary>Every host heard from, each once, at most <see cref="MaxHosts"/>: a sender can name itself anything, and
/// each host has a parser and counters of its own, so past the bound new names are counted as
/// <see cref="OtherName"/>. Names are made safe for a terminal and a metric label as they come in.</summary>
public sealed class HostNames(Action<string>? notice = null, int maxHosts = HostNames.MaxHosts)
{
    public const int MaxHosts = 1024;

    /// <summary>Where the hosts past <see cref="MaxHosts"/> are counted.</summary>
    public const string OtherName = "other-hosts";

    private const int MaxNameLength = 64;
    private readonly Dictionary<string, Host> _hosts = new(StringComparer.Ordinal);
    private readonly object _gate = new();
    private Host? _other;
    private bool _saidOther;

    public int Count
    {
        get { lock (_gate) return _hosts.Count; }
    }

    /// <summary>The host named <paramref name="name"/> (as the sender wrote it), added when new.</summary>
    public Host Resolve(ReadOnlySpan<byte> name, string? from = null) => Resolve(Safe(name), from);

    public Host Resolve(string name, string? from = null)
    {
        lock (_gate)
        {
            if (_hosts.TryGetValue(name, out var host)) return host;
            if (name == OtherName) return _other ??= new Host(OtherName);   // one source under that name, whoever claims it
            if (_hosts.Count >= maxHosts)
            {
                if (!_saidOther)
                {
                    _saidOther = true;
                    notice?.Invoke($"more than {maxHosts} hosts: the lines of hosts not seen yet are counted as '{OtherName}'");
                }
                return _other ??= new Host(OtherName);
            }
            host = new Host(name);
            _hosts.Add(name, host);
            notice?.Invoke(from is null || from == name ? $"receiving from {name}" : $"receiving from {name} (via {from})");
            return host;
        }
    }

    /// <summary>A host name as rxlog says it: printable ASCII without spaces or quotes, at most 64 characters; anything
    /// else as <c>?</c>. Empty names are <c>-</c>.</summary>
    public static string Safe(ReadOnlySpan<byte> name)
    {
        if (name.Length == 0) return "-";
        var safe = new StringBuilder(Math.Min(name.Length, MaxNameLength));
        foreach (byte c in name[..Math.Min(name.Length, MaxNameLength)])
            safe.Append(c is > 0x20 and < 0x7f and not (byte)'"' and not (byte)'\\' and not (byte)'\'' ? (char)c : '?');
        return safe.ToString();
    }
}

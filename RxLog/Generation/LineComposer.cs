using System.Buffers.Text;

namespace RxLog.Generation;

/// <summary>Composes the content of synthetic lines (everything but the timestamp) straight into UTF-8 bytes,
/// drawing from its own PRNG stream.</summary>
/// <remarks>Every line draws the same numbers whatever the format, so Common output is Combined output with the
/// last two fields cut off.</remarks>
internal sealed class LineComposer
{
    private readonly bool _combined;
    private readonly ClientPool _clients;
    private readonly WeightedTable _users = new(Vocabulary.Users);
    private readonly WeightedTable _methods = new(Vocabulary.Methods);
    private readonly WeightedTable _protocols = new(Vocabulary.Protocols);
    private readonly WeightedTable _referers = new(Vocabulary.Referers);
    private readonly WeightedTable _agents = new(Vocabulary.Agents);
    private readonly WeightedTable _queries;
    private readonly PathTemplate[] _paths;
    private readonly WeightedTable _pathPick;
    private readonly int[] _statuses;
    private readonly WeightedTable _statusPick;
    private Xoshiro256 _rng;

    public LineComposer(GeneratorOptions o)
    {
        _combined = o.Format == GeneratedFormat.Combined;
        _rng = new Xoshiro256(o.Seed, stream: 2);
        _clients = new ClientPool(o.Seed, _agents);
        _queries = new WeightedTable([.. Vocabulary.Queries.Select(q => (q, 1L))]);

        // Section weight (Zipf by rank, scaled) times the path's weight inside its section.
        var paths = Vocabulary.Sections.SelectMany((section, rank) =>
            section.Select(p => (p.Path, Weight: 1_000_000L / (rank + 1) * p.Weight / section.Sum(s => s.Weight)))).ToArray();
        _paths = [.. paths.Select(p => p.Path)];
        _pathPick = new WeightedTable([.. paths.Select(p => (p.Path.Prefix, p.Weight))]);
        _statuses = [.. Vocabulary.Statuses.Select(s => s.Status)];
        _statusPick = new WeightedTable([.. Vocabulary.Statuses.Select(s => (s.Status.ToString("D3", System.Globalization.CultureInfo.InvariantCulture), s.Weight))]);

        MaxLineLength = _clients.Hosts.MaxLength + _users.MaxLength + ClfTimestamp.Length + _methods.MaxLength
            + _paths.Max(p => p.MaxLength) + _queries.MaxLength + _protocols.MaxLength + 3 + 20
            + _referers.MaxLength + _agents.MaxLength + 16;
    }

    /// <summary>An upper bound on the bytes <see cref="Write"/> puts down, newline included.</summary>
    public int MaxLineLength { get; }

    /// <summary>Writes one line ending in <c>\n</c> at the start of <paramref name="dest"/>; returns its length.</summary>
    public int Write(Span<byte> dest, ReadOnlySpan<byte> stamp)
    {
        ref var rng = ref _rng;
        int client = _clients.Hosts.PickIndex(ref rng);
        var user = _users.Pick(ref rng);
        int methodIndex = _methods.PickIndex(ref rng);
        var path = _paths[_pathPick.PickIndex(ref rng)];
        int id = path.IdMax > 0 ? 1 + rng.Below(path.IdMax) : 0;
        int query = path.Queryable && rng.Chance(60) ? _queries.PickIndex(ref rng) : -1;
        var protocol = _protocols.Pick(ref rng);
        int status = _statuses[_statusPick.PickIndex(ref rng)];
        long size = Size(ref rng, path.TypicalBytes, status);
        int referer = _referers.PickIndex(ref rng);
        int agent = rng.Chance(900) ? _clients.PreferredAgent[client] : _agents.PickIndex(ref rng);

        // Only GET and HEAD make sense on read-only pages; a conditional GET is the only way to a 304.
        if (methodIndex > 0 && !path.Writable && methodIndex != 2)
            methodIndex = 0;
        bool isGet = methodIndex == 0;
        if (!isGet && status == 304)
            status = 200;
        if (methodIndex == 1 && status == 200 && (size & 3) == 0)
            status = 201;

        int n = 0;
        Put(dest, ref n, _clients.Hosts[client]);
        Put(dest, ref n, " - "u8);
        Put(dest, ref n, user);
        dest[n++] = (byte)' ';
        Put(dest, ref n, stamp);
        Put(dest, ref n, " \""u8);
        Put(dest, ref n, _methods[methodIndex]);
        dest[n++] = (byte)' ';
        Put(dest, ref n, path.PrefixBytes);
        if (path.IdMax > 0)
        {
            Utf8Formatter.TryFormat(id, dest[n..], out int w);
            n += w;
            Put(dest, ref n, path.SuffixBytes);
        }
        if (query >= 0)
            Put(dest, ref n, _queries[query]);
        dest[n++] = (byte)' ';
        Put(dest, ref n, protocol);
        Put(dest, ref n, "\" "u8);
        Utf8Formatter.TryFormat(status, dest[n..], out int sw);
        n += sw;
        dest[n++] = (byte)' ';
        if (status == 304)
            dest[n++] = (byte)'-';
        else
        {
            Utf8Formatter.TryFormat(methodIndex == 2 ? 0 : size, dest[n..], out int bw);
            n += bw;
        }
        if (_combined)
        {
            Put(dest, ref n, " \""u8);
            Put(dest, ref n, _referers[referer]);
            Put(dest, ref n, "\" \""u8);
            Put(dest, ref n, _agents[agent]);
            dest[n++] = (byte)'"';
        }
        dest[n++] = (byte)'\n';
        return n;
    }

    // Body sizes: uniform around the page's typical size with an occasional 10x outlier for 200s;
    // small fixed-ish bodies for redirects and error pages.
    private static long Size(ref Xoshiro256 rng, int typical, int status)
    {
        long r = rng.Below(1000);
        return status switch
        {
            301 => 162 + r % 80,
            404 => 150 + r * 2 / 5,
            >= 500 => 200 + r / 2,
            _ => typical / 2 + (long)rng.Below((ulong)typical + 1) + (r < 10 ? typical * 9L : 0),
        };
    }

    private static void Put(Span<byte> dest, ref int n, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(dest[n..]);
        n += bytes.Length;
    }
}

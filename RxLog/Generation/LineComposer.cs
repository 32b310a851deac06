using System.Buffers.Text;

namespace RxLog.Generation;

/// <summary>Composes the content of synthetic lines (everything but the timestamp) straight into UTF-8 bytes,
/// drawing from its own PRNG stream.</summary>
/// <remarks>Every line draws the same numbers whatever the format, so Common output is Combined output with the
/// last two fields cut off, and W3C and JSON lines carry the same hits.</remarks>
internal sealed class LineComposer
{
    private readonly GeneratedFormat _format;
    private readonly byte[] _stamp = new byte[ClfTimestamp.Length];
    private int _stampLength;
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
        _format = o.Format;
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
            + _referers.MaxLength + _agents.MaxLength + 128;
    }

    /// <summary>What a file of this format starts with (W3C's directives), empty for the others.</summary>
    public ReadOnlySpan<byte> Header => _format == GeneratedFormat.W3c
        ? "#Software: rxlog generate\n#Version: 1.0\n#Fields: date time c-ip cs-username cs-method cs-uri-stem cs-uri-query sc-status sc-bytes cs-version cs(User-Agent) cs(Referer)\n"u8
        : default;

    /// <summary>Sets the time written in the lines that follow (in its own offset; W3C in UTC).</summary>
    public void SetTime(DateTimeOffset time)
    {
        if (_format == GeneratedFormat.W3c)
        {
            time.UtcDateTime.TryFormat(_stamp, out _stampLength, "yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
            return;
        }

        ClfTimestamp.Format(time, _stamp);
        _stampLength = ClfTimestamp.Length;
    }

    /// <summary>An upper bound on the bytes <see cref="Write"/> puts down, newline included.</summary>
    public int MaxLineLength { get; }

    /// <summary>Writes one line ending in <c>\n</c> at the start of <paramref name="dest"/>; returns its length.</summary>
    public int Write(Span<byte> dest)
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

        var hit = new Hit(_clients.Hosts[client], user, _methods[methodIndex], path, id, query >= 0 ? _queries[query] : default,
            protocol, status, status == 304 ? -1 : methodIndex == 2 ? 0 : size, _referers[referer], _agents[agent]);
        int n = _format switch
        {
            GeneratedFormat.W3c => WriteW3c(dest, hit),
            GeneratedFormat.Json => WriteJson(dest, hit),
            _ => WriteClf(dest, hit),
        };
        dest[n++] = (byte)'\n';
        return n;
    }

    // One hit's fields; Bytes is -1 for "no body" (CLF writes '-').
    private readonly ref struct Hit(ReadOnlySpan<byte> client, ReadOnlySpan<byte> user, ReadOnlySpan<byte> method, PathTemplate path,
        int id, ReadOnlySpan<byte> query, ReadOnlySpan<byte> protocol, int status, long bytes, ReadOnlySpan<byte> referer,
        ReadOnlySpan<byte> agent)
    {
        public readonly ReadOnlySpan<byte> Client = client, User = user, Method = method, Query = query, Protocol = protocol,
            Referer = referer, Agent = agent;
        public readonly PathTemplate Path = path;
        public readonly int Id = id, Status = status;
        public readonly long Bytes = bytes;
    }

    private ReadOnlySpan<byte> Stamp => _stamp.AsSpan(0, _stampLength);

    private int WriteClf(Span<byte> dest, in Hit hit)
    {
        int n = 0;
        Put(dest, ref n, hit.Client);
        Put(dest, ref n, " - "u8);
        Put(dest, ref n, hit.User);
        dest[n++] = (byte)' ';
        Put(dest, ref n, Stamp);
        Put(dest, ref n, " \""u8);
        PutRequest(dest, ref n, hit);
        Put(dest, ref n, "\" "u8);
        PutNumber(dest, ref n, hit.Status);
        dest[n++] = (byte)' ';
        if (hit.Bytes < 0) dest[n++] = (byte)'-';
        else PutNumber(dest, ref n, hit.Bytes);
        if (_format == GeneratedFormat.Combined)
        {
            Put(dest, ref n, " \""u8);
            Put(dest, ref n, hit.Referer);
            Put(dest, ref n, "\" \""u8);
            Put(dest, ref n, hit.Agent);
            dest[n++] = (byte)'"';
        }
        return n;
    }

    // date time c-ip cs-username cs-method cs-uri-stem cs-uri-query sc-status sc-bytes cs-version cs(User-Agent) cs(Referer)
    private int WriteW3c(Span<byte> dest, in Hit hit)
    {
        int n = 0;
        Put(dest, ref n, Stamp);
        dest[n++] = (byte)' ';
        Put(dest, ref n, hit.Client);
        dest[n++] = (byte)' ';
        Put(dest, ref n, hit.User);
        dest[n++] = (byte)' ';
        Put(dest, ref n, hit.Method);
        dest[n++] = (byte)' ';
        PutPath(dest, ref n, hit);
        dest[n++] = (byte)' ';
        if (hit.Query.IsEmpty) dest[n++] = (byte)'-';
        else Put(dest, ref n, hit.Query[1..]);    // without its '?'
        dest[n++] = (byte)' ';
        PutNumber(dest, ref n, hit.Status);
        dest[n++] = (byte)' ';
        PutNumber(dest, ref n, Math.Max(0, hit.Bytes));
        dest[n++] = (byte)' ';
        Put(dest, ref n, hit.Protocol);
        dest[n++] = (byte)' ';
        PutPlussed(dest, ref n, hit.Agent);
        dest[n++] = (byte)' ';
        PutPlussed(dest, ref n, hit.Referer);
        return n;
    }

    // {"time":"…","remote_addr":"…","remote_user":"…","request":"…","status":200,"body_bytes_sent":123,"http_referer":"…","http_user_agent":"…"}
    private int WriteJson(Span<byte> dest, in Hit hit)
    {
        int n = 0;
        Put(dest, ref n, "{\"time\":\""u8);
        Put(dest, ref n, Stamp[1..^1]);           // the CLF time without its brackets, as nginx's $time_local
        Put(dest, ref n, "\",\"remote_addr\":\""u8);
        Put(dest, ref n, hit.Client);
        Put(dest, ref n, "\",\"remote_user\":\""u8);
        Put(dest, ref n, hit.User);
        Put(dest, ref n, "\",\"request\":\""u8);
        PutRequest(dest, ref n, hit);
        Put(dest, ref n, "\",\"status\":"u8);
        PutNumber(dest, ref n, hit.Status);
        Put(dest, ref n, ",\"body_bytes_sent\":"u8);
        PutNumber(dest, ref n, Math.Max(0, hit.Bytes));
        Put(dest, ref n, ",\"http_referer\":\""u8);
        Put(dest, ref n, hit.Referer);
        Put(dest, ref n, "\",\"http_user_agent\":\""u8);
        Put(dest, ref n, hit.Agent);
        Put(dest, ref n, "\"}"u8);
        return n;
    }

    private static void PutRequest(Span<byte> dest, ref int n, in Hit hit)
    {
        Put(dest, ref n, hit.Method);
        dest[n++] = (byte)' ';
        PutPath(dest, ref n, hit);
        Put(dest, ref n, hit.Query);
        dest[n++] = (byte)' ';
        Put(dest, ref n, hit.Protocol);
    }

    private static void PutPath(Span<byte> dest, ref int n, in Hit hit)
    {
        Put(dest, ref n, hit.Path.PrefixBytes);
        if (hit.Path.IdMax > 0)
        {
            PutNumber(dest, ref n, hit.Id);
            Put(dest, ref n, hit.Path.SuffixBytes);
        }
    }

    // IIS writes spaces in user agents and referers as '+'.
    private static void PutPlussed(Span<byte> dest, ref int n, ReadOnlySpan<byte> text)
    {
        int start = n;
        Put(dest, ref n, text);
        dest[start..n].Replace((byte)' ', (byte)'+');
    }

    private static void PutNumber(Span<byte> dest, ref int n, long value)
    {
        Utf8Formatter.TryFormat(value, dest[n..], out int written);
        n += written;
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

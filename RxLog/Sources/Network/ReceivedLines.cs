namespace RxLog.Sources.Network;

/// <summary>Passes chunks from every connection and socket on, one at a time, each host's lines numbered in order.</summary>
public sealed class ChunkEmitter(IObserver<LineChunk> observer)
{
    private readonly object _gate = new();
    private bool _stopped;

    public void Emit(Host host, byte[] buffer, int count, int lines)
    {
        lock (_gate)
        {
            if (_stopped) return;
            var chunk = new LineChunk(host.Name, buffer, count, host.NextLine, LineCount: lines);
            host.NextLine += lines;
            observer.OnNext(chunk);
        }
    }

    /// <summary>Nothing is passed on after this (the run is stopping).</summary>
    public void Stop()
    {
        lock (_gate) _stopped = true;
    }
}

/// <summary>The access-log lines of one connection or socket, gathered per host between two reads: each message has
/// its syslog header taken off (<see cref="SyslogHeader"/>) or its shipper's JSON opened (<see cref="ShipperJson"/>),
/// and is written as one line, <c>\n</c>-terminated, to its host's buffer. <see cref="Flush"/> passes each host's
/// lines on as one chunk. Nothing is allocated per message.</summary>
/// <remarks>A message longer than <see cref="LineLimits.MaxLineBytes"/> is passed on as its first <c>MaxLineBytes + 1</c>
/// bytes, so the parser counts it as too long; a newline inside a message (an octet-counted frame may hold one) is a
/// space, so one message is one line. Not thread-safe: one per connection.</remarks>
public sealed class ReceivedLines(HostNames hosts, ChunkEmitter emitter)
{
    private const int Max = LineLimits.MaxLineBytes;
    private const int FirstBufferSize = 16 * 1024;
    private const int MaxBufferSize = 256 * 1024;   // holds the longest line passed on (Max + 2) several times

    private readonly List<Batch> _batches = new(2);
    private byte[]? _scratch;   // for a shipper's escaped line; most connections never need it
    private Host? _lastHost;
    private byte[] _lastHostName = [];

    private sealed class Batch(Host host)
    {
        public Host Host { get; } = host;
        public byte[] Buffer = new byte[FirstBufferSize];   // grows to MaxBufferSize while the host sends a lot
        public int Count;
        public int Lines;
    }

    /// <summary>One message: a syslog message, a shipper's JSON line, or a line as it is, from
    /// <paramref name="peer"/> (the host when the message names none).</summary>
    public void Add(ReadOnlySpan<byte> message, Peer peer)
    {
        while (message.Length > 0 && message[^1] is (byte)'\n' or (byte)'\r' or 0) message = message[..^1];
        Host? host = null;
        if (message.Length > 0 && message[0] == '<' && SyslogHeader.TryParse(message, out var named, out var text))
        {
            message = text;
            if (named.Length > 0) host = Named(named, peer);
        }
        if (message.Length > 0 && message[0] == '{' && ShipperJson.TryExtract(message, _scratch ??= new byte[2 * Max + 2048], out var line, out var shipper))
        {
            message = line;
            if (shipper.Length > 0) host = Named(shipper, peer);
        }
        Append(host ?? peer.Host, message);
    }

    /// <summary>Passes on what each host sent since the last flush.</summary>
    public void Flush()
    {
        foreach (var batch in _batches)
            if (batch.Lines > 0)
            {
                emitter.Emit(batch.Host, batch.Buffer, batch.Count, batch.Lines);
                batch.Count = batch.Lines = 0;
            }
    }

    private void Append(Host host, ReadOnlySpan<byte> line)
    {
        if (line.Length > Max + 1) line = line[..(Max + 1)];
        var batch = BatchOf(host);
        if (batch.Count + line.Length + 1 > batch.Buffer.Length)
        {
            if (batch.Buffer.Length < MaxBufferSize)
                Array.Resize(ref batch.Buffer, Math.Max(Math.Min(2 * batch.Buffer.Length, MaxBufferSize), batch.Count + line.Length + 1));
            else
            {
                emitter.Emit(batch.Host, batch.Buffer, batch.Count, batch.Lines);
                batch.Count = batch.Lines = 0;
            }
        }
        var into = batch.Buffer.AsSpan(batch.Count, line.Length);
        line.CopyTo(into);
        if (into.Contains((byte)'\n')) into.Replace((byte)'\n', (byte)' ');
        batch.Buffer[batch.Count + line.Length] = (byte)'\n';
        batch.Count += line.Length + 1;
        batch.Lines++;
    }

    private Batch BatchOf(Host host)
    {
        foreach (var batch in _batches)
            if (batch.Host == host) return batch;
        var added = new Batch(host);
        // A relay may carry many hosts: keep the buffers of the few most recent (flushed ones are empty).
        if (_batches.Count >= 32) _batches.RemoveAll(b => b.Lines == 0);
        _batches.Add(added);
        return added;
    }

    // The host a message names, looked up once per change of name on this connection.
    private Host Named(ReadOnlySpan<byte> name, Peer peer)
    {
        if (_lastHost is not null && name.SequenceEqual(_lastHostName)) return _lastHost;
        _lastHost = hosts.Resolve(name, peer.Address);
        _lastHostName = name.ToArray();
        return _lastHost;
    }
}

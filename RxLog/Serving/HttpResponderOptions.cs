namespace RxLog.Serving;

/// <summary>The limits <see cref="HttpResponder"/> holds every client to.</summary>
public sealed record HttpResponderOptions
{
    public static HttpResponderOptions Default { get; } = new();

    /// <summary>How long a client has to send a whole request head, counted from the connection's accept or from the end
    /// of the previous response on it. A client that sent part of a head by then gets 408 and the connection closes; an
    /// idle keep-alive connection is closed without a word. Also how long the responder waits, after closing its side,
    /// for the client to close its own (the lingering close that keeps a final response from being lost to a reset).</summary>
    public TimeSpan HeadTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long one write may wait for the client to take what was sent; past it the connection is dropped.</summary>
    public TimeSpan WriteTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Open connections at most. A connection accepted past it takes the slot of the one that has waited longest
    /// on its client (<see cref="HttpResponder.ConnectionsEvicted"/>); when every one is busy serving, it is closed at
    /// once, with no response, and counted in <see cref="HttpResponder.ConnectionsRefused"/>.</summary>
    public int MaxConnections { get; init; } = 256;

    /// <summary>The largest request head (request line, headers and the blank line ending them) in bytes; a larger one
    /// gets 431.</summary>
    public int MaxHeadBytes { get; init; } = 8 * 1024;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(HeadTimeout, TimeSpan.Zero, nameof(HeadTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(WriteTimeout, TimeSpan.Zero, nameof(WriteTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConnections, 1, nameof(MaxConnections));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxHeadBytes, 64, nameof(MaxHeadBytes));
    }
}

namespace RxLog.Sources.Network;

/// <summary>Cuts the bytes of one TCP connection into messages, framed as its first bytes say (RFC 6587):
/// <c>DIGITS SP &lt;</c> is octet counting (the count includes a trailing LF when rsyslog adds one); anything else is
/// one message per line (syslog with <c>&lt;PRI&gt;</c> headers, or raw access-log lines — which also start with
/// digits, <c>10.0.0.1 - -</c>, and are not taken for a count: a count is followed by a space and <c>&lt;</c>).</summary>
/// <remarks>A message longer than <see cref="LineLimits.MaxLineBytes"/> is handed on as its first <c>MaxLineBytes + 1</c>
/// bytes (the parser counts it as too long) and the rest skipped without being held. An octet-counted stream that
/// loses its frame (a count that is not one) hands on the bytes up to the next newline as one message (counted as
/// invalid by the parser) and reads the next frame after it. Not thread-safe: one per connection.</remarks>
public sealed class StreamFraming
{
    private const int Max = LineLimits.MaxLineBytes;

    /// <summary>Room for a partial message of <c>Max + 1</c> bytes with its count, and a big read after it.</summary>
    public const int BufferSize = 192 * 1024;

    private readonly byte[] _buffer = new byte[BufferSize];
    private int _count;
    private Mode _mode = Mode.Unknown;
    private long _skip;          // octet counting: bytes of an overlong frame still to skip
    private bool _discarding;    // lines: inside an overlong line whose head was handed on

    private enum Mode { Unknown, OctetCounting, Lines }

    /// <summary>Where the next read goes.</summary>
    public Memory<byte> Free => _buffer.AsMemory(_count);

    /// <summary>True once the framing is known to be octet counting.</summary>
    public bool OctetCounting => _mode == Mode.OctetCounting;

    /// <summary>Takes the <paramref name="read"/> bytes just read into <see cref="Free"/> and hands every whole
    /// message to <paramref name="message"/>; keeps a partial one for the next read.</summary>
    public void Read(int read, MessageHandler message)
    {
        _count += read;
        int at = 0;
        while (at < _count)
        {
            int used = Next(_buffer.AsSpan(at, _count - at), message, atEnd: false);
            if (used == 0) break;
            at += used;
        }
        if (at > 0)
        {
            Buffer.BlockCopy(_buffer, at, _buffer, 0, _count - at);
            _count -= at;
        }
    }

    /// <summary>The sender closed: a last message without its end (a line without its newline, a frame cut short) is
    /// handed on as it is, to be counted.</summary>
    public void End(MessageHandler message)
    {
        int at = 0;
        while (at < _count)
        {
            int used = Next(_buffer.AsSpan(at, _count - at), message, atEnd: true);
            if (used == 0) break;
            at += used;
        }
        if (at < _count && !_discarding && _skip == 0) message(_buffer.AsSpan(at, _count - at));
        _count = 0;
    }

    public delegate void MessageHandler(ReadOnlySpan<byte> message);

    // Hands on the next message of `bytes` and returns the bytes it used; 0 when more are needed.
    private int Next(ReadOnlySpan<byte> bytes, MessageHandler message, bool atEnd)
    {
        if (_skip > 0)
        {
            int skipped = (int)Math.Min(_skip, bytes.Length);
            _skip -= skipped;
            return skipped;
        }
        if (_mode == Mode.Unknown)
        {
            var detected = Detect(bytes);
            if (detected is null && !atEnd && bytes.Length < 16) return 0;
            _mode = detected ?? Mode.Lines;
        }
        return _mode == Mode.OctetCounting ? NextFrame(bytes, message, atEnd) : NextLine(bytes, message, atEnd);
    }

    // DIGITS SP '<' is octet counting; a first byte that cannot start a count, or digits followed by anything else,
    // is lines. Null while the bytes so far could still be either.
    private static Mode? Detect(ReadOnlySpan<byte> bytes)
    {
        int digits = 0;
        while (digits < bytes.Length && digits < 10 && IsDigit(bytes[digits])) digits++;
        if (digits == 0) return Mode.Lines;
        if (digits == bytes.Length) return null;
        if (bytes[digits] != ' ' || bytes[0] == '0') return Mode.Lines;
        if (digits + 1 == bytes.Length) return null;
        return bytes[digits + 1] == '<' ? Mode.OctetCounting : Mode.Lines;
    }

    private int NextLine(ReadOnlySpan<byte> bytes, MessageHandler message, bool atEnd)
    {
        int newline = bytes.IndexOf((byte)'\n');
        if (_discarding)
        {
            if (newline < 0) return bytes.Length;
            _discarding = false;
            return newline + 1;
        }
        if (newline >= 0)
        {
            message(bytes[..newline]);
            return newline + 1;
        }
        if (bytes.Length > Max + 1)
        {
            message(bytes[..(Max + 1)]);
            _discarding = true;
            return bytes.Length;
        }
        return 0;   // a partial line: wait for its end (End hands it on if the sender closes)
    }

    private int NextFrame(ReadOnlySpan<byte> bytes, MessageHandler message, bool atEnd)
    {
        if (_discarding)
        {
            // The rest of a lost frame's overlong garbage, handed on already as one message: up to its newline.
            int end = bytes.IndexOf((byte)'\n');
            if (end < 0) return bytes.Length;
            _discarding = false;
            return end + 1;
        }
        int digits = 0;
        while (digits < bytes.Length && digits < 10 && IsDigit(bytes[digits])) digits++;
        if (digits == bytes.Length && digits < 10) return 0;   // the count is not all here yet
        if (digits == 0 || digits == 10 || bytes[digits] != ' ')
        {
            // Not a count: the frame is lost. Hand on what runs to the next newline and try again after it.
            int newline = bytes.IndexOf((byte)'\n');
            if (newline < 0 && bytes.Length <= Max + 1 && !atEnd) return 0;
            int end = newline < 0 ? Math.Min(bytes.Length, Max + 1) : newline;
            message(bytes[..Math.Min(end, Max + 1)]);
            if (newline < 0 && bytes.Length > Max + 1) _discarding = true;   // the rest, to its newline, is this message's
            return newline < 0 ? end : newline + 1;
        }
        long length = 0;
        foreach (byte c in bytes[..digits]) length = length * 10 + (c - '0');
        var frame = bytes[(digits + 1)..];
        if (frame.Length >= length)
        {
            message(frame[..(int)length]);
            return digits + 1 + (int)length;
        }
        if (length > Max + 1 && frame.Length >= Max + 1)
        {
            message(frame[..(Max + 1)]);
            _skip = length - frame.Length;
            return bytes.Length;
        }
        return 0;   // wait for the rest of the frame
    }

    private static bool IsDigit(byte c) => c is >= (byte)'0' and <= (byte)'9';
}

using Microsoft.Win32.SafeHandles;

namespace RxLog.Sources;

/// <summary>The first bytes of a followed file, from offset 0, as they were when read: what recognises the copy that
/// copytruncate made of it (<see cref="RotatedCopy"/>) once the file itself has been truncated.</summary>
/// <remarks>Kept up to <see cref="Capacity"/> bytes, never more; the bytes a poll reads are added as they are read (not
/// read again later, when the file may already hold other text).</remarks>
internal sealed class FileHead
{
    /// <summary>How many bytes are kept: a few lines, timestamps and all, tell one log file from another.</summary>
    public const int Capacity = 4096;

    private readonly byte[] _bytes = new byte[Capacity];

    /// <summary>How many bytes are known, from offset 0.</summary>
    public int Length { get; private set; }

    public ReadOnlySpan<byte> Bytes => _bytes.AsSpan(0, Length);

    /// <summary>Nothing known: a new file, or the same one truncated.</summary>
    public void Reset() => Length = 0;

    /// <summary>Records <paramref name="bytes"/>, read at <paramref name="offset"/>. Bytes skipped between what was known and
    /// <paramref name="offset"/> were zeros (a hole, <see cref="FileFollower"/> skips only those).</summary>
    public void Add(long offset, ReadOnlySpan<byte> bytes)
    {
        if (Length == Capacity || offset > Capacity) return;
        if (offset > Length)
        {
            _bytes.AsSpan(Length, (int)offset - Length).Clear();
            Length = (int)offset;
        }
        int skip = Length - (int)offset;   // already known
        if (skip >= bytes.Length) return;
        var added = bytes[skip..];
        int room = Capacity - Length;
        if (added.Length > room) added = added[..room];
        added.CopyTo(_bytes.AsSpan(Length));
        Length += added.Length;
    }

    /// <summary>Reads the head of a file that following starts in the middle of (at its end): its bytes before
    /// <paramref name="position"/>, up to <see cref="Capacity"/>. Leaves it empty when they cannot be read.</summary>
    public void Load(SafeFileHandle file, long position)
    {
        Length = 0;
        int want = (int)Math.Min(Capacity, position);
        int got = FileReads.Fully(file, _bytes.AsSpan(0, want), 0);
        Length = got;
    }
}

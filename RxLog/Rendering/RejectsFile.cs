using RxLog.Parsing;

namespace RxLog.Rendering;

/// <summary><c>--rejects FILE</c>: every invalid line appended verbatim, one per line, so it can be grepped or replayed.</summary>
/// <remarks>Only the line's bytes are written (no prefix), so the file is itself a log that can be fixed and fed back;
/// <see cref="Count"/> and the summary say how many went there.</remarks>
public sealed class RejectsFile : IRejectedLineSink, IDisposable
{
    private readonly FileStream _file;

    public RejectsFile(string path)
    {
        Path = path;
        _file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 64 * 1024);
    }

    public string Path { get; }

    public long Count { get; private set; }

    public void Reject(string origin, long lineNumber, ReadOnlySpan<byte> line)
    {
        try
        {
            _file.Write(line);
            _file.WriteByte((byte)'\n');
        }
        catch (IOException e)
        {
            throw new RejectsFailedException(Path, e);
        }
        Count++;
    }

    /// <summary>Writes out what is buffered; a failure (disk full) is a <see cref="RejectsFailedException"/>.</summary>
    public void Dispose()
    {
        try
        {
            _file.Dispose();
        }
        catch (IOException e)
        {
            throw new RejectsFailedException(Path, e);
        }
    }
}

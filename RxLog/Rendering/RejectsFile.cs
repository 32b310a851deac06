using System.Globalization;
using System.Text;
using RxLog.Parsing;

namespace RxLog.Rendering;

/// <summary><c>--rejects FILE</c>: every invalid line, verbatim, after its source and line number the way
/// <c>grep -Hn</c> writes them (<c>access.log:17:the line's bytes</c>), so it can be found in its file.</summary>
/// <remarks><c>cut -d: -f3-</c> gives back the lines themselves (when the source name has no colon), to be fixed and fed
/// back; <see cref="Count"/> and the summary say how many went there.</remarks>
public sealed class RejectsFile : IRejectedLineSink, IDisposable
{
    private readonly FileStream _file;

    public RejectsFile(string path)
    {
        Path = path;
        _file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 64 * 1024);
    }

    public string Path { get; }

    public string Target => Path;

    public long Count { get; private set; }

    public void Reject(string origin, long lineNumber, ReadOnlySpan<byte> line)
    {
        try
        {
            Span<byte> prefix = stackalloc byte[24];
            _file.Write(Encoding.UTF8.GetBytes(origin));
            _file.WriteByte((byte)':');
            lineNumber.TryFormat(prefix, out int written, provider: CultureInfo.InvariantCulture);
            _file.Write(prefix[..written]);
            _file.WriteByte((byte)':');
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
    public void Flush()
    {
        try
        {
            _file.Flush();
        }
        catch (IOException e)
        {
            throw new RejectsFailedException(Path, e);
        }
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

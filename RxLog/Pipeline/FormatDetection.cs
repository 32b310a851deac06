using System.Buffers;
using RxLog.Parsing;
using RxLog.Sources;

namespace RxLog.Pipeline;

/// <summary><c>check --format auto</c> on a file: decides the format from the file's first lines before the replay
/// starts, so a format that must be parsed in order (W3C) is known before chunks go to several cores, and the user
/// hears which format was chosen before any report.</summary>
public static class FormatDetection
{
    /// <summary>Lines looked at before giving up (a file that starts with this many invalid lines).</summary>
    public const int MaxLines = 1000;

    /// <summary>The first of <paramref name="candidates"/> that reads one of the first lines of <paramref name="read"/>
    /// as a record or a directive; null when none does (the replay then detects line by line and reports invalid
    /// lines as usual). <paramref name="read"/> is subscribed once and cancelled as soon as the answer is known.</summary>
    /// <remarks><paramref name="cancel"/> (Ctrl+C, SIGTERM) stops it too: a file with no line end, like
    /// <c>/dev/zero</c>, would otherwise be read for ever.</remarks>
    public static LogFormat? InFirstLines(Func<CancellationToken, IObservable<LineChunk>> read, IReadOnlyList<LogFormat> candidates,
        CancellationToken cancel = default)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var detector = new DetectingParser(candidates);
        int seen = 0;
        using var subscription = read(stop.Token).Subscribe(
            chunk =>
            {
                if (stop.IsCancellationRequested) return;
                if (Settled(detector, chunk, ref seen)) stop.Cancel();
            },
            _ => { },   // the replay meets the same error and reports it
            () => { });
        return detector.Chosen;
    }

    /// <summary>The format of a plain file from its first 64 KiB, cut into lines as the workers' slices are; those
    /// usually settle it, and reading them straight from the file spares <c>check</c>'s start-up a stream reader
    /// (~5 ms on its critical path). <paramref name="settled"/> is false (ask the whole file as a stream) for a
    /// compressed or empty file, one whose first lines leave the answer open and goes on past them, or one that
    /// fails to read: the stream's reader meets the same error and the run reports it in one line.</summary>
    public static LogFormat? InHead(FileStream input, string origin, IReadOnlyList<LogFormat> candidates, out bool settled)
    {
        settled = false;
        try
        {
            using var head = FileSlices.TryFrom(input, origin, HeadBytes);
            if (head is null) return null;
            var chunk = head.Read(0, firstLineNumber: 1);
            try
            {
                var detector = new DetectingParser(candidates);
                int seen = 0;
                settled = Settled(detector, chunk, ref seen) || head.Count == 1;
                return detector.Chosen;
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(chunk.Buffer);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private const int HeadBytes = 64 * 1024;

    // Tries the chunk's lines until a format is chosen or MaxLines were looked at; true when either happened.
    private static bool Settled(DetectingParser detector, LineChunk chunk, ref int seen)
    {
        foreach (var line in chunk.EachLine())
        {
            if (detector.Chosen is not null || seen >= MaxLines) break;
            if (ParsedLines.TryParseLine(detector, line.Text, line.Number, out _)) seen++;
        }

        return detector.Chosen is not null || seen >= MaxLines;
    }
}

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
    public static LogFormat? InFirstLines(Func<CancellationToken, IObservable<LineChunk>> read, IReadOnlyList<LogFormat> candidates)
    {
        using var stop = new CancellationTokenSource();
        var detector = new DetectingParser(candidates);
        int seen = 0;
        using var subscription = read(stop.Token).Subscribe(
            chunk =>
            {
                if (stop.IsCancellationRequested) return;
                foreach (var line in chunk.EachLine())
                {
                    if (detector.Chosen is not null || seen >= MaxLines) break;
                    if (ParsedLines.TryParseLine(detector, line.Text, line.Number, out _)) seen++;
                }

                if (detector.Chosen is not null || seen >= MaxLines) stop.Cancel();
            },
            _ => { },   // the replay meets the same error and reports it
            () => { });
        return detector.Chosen;
    }
}

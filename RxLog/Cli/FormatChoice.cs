using RxLog.Parsing;
using RxLog.Pipeline;
using RxLog.Rendering;
using RxLog.Sources;

namespace RxLog.Cli;

/// <summary>The format of one run: the one asked for, or <c>auto</c>, which says what it found (once, on stderr) and
/// names it in the summary.</summary>
internal sealed class FormatChoice
{
    private readonly string _origin;
    private readonly IMonitorView _view;
    private readonly IReadOnlyList<LogFormat> _candidates;
    private LogFormat? _detected;
    private int _announced;

    public FormatChoice(MonitorOptions options, string origin, IMonitorView view)
    {
        _origin = origin;
        _view = view;
        _candidates = options.Candidates;
        Asked = options.Format;
        Format = Asked ?? LogFormats.Detecting(_candidates, Announce);
    }

    /// <summary>The format to parse with: the one asked for, or a detecting one.</summary>
    public LogFormat Format { get; private set; }

    private LogFormat? Asked { get; }

    /// <summary>The name of the format the lines were read in (for the summary); null when none was recognised.</summary>
    public string? Name() => (Asked ?? _detected)?.NewParser().FormatName;

    /// <summary>What the input was expected to be, for the "no record" error.</summary>
    public string Expected => Format.NewParser().FormatName;

    /// <summary>Before parsing <paramref name="file"/> on several cores: with <c>auto</c>, reads its first lines to fix
    /// the format. False when it must be parsed on one thread (a format that cannot be split, or no format found, or a
    /// file that cannot be read twice, like a pipe).</summary>
    public bool DetectBeforeSplitting(string file)
    {
        if (Asked is not null) return Asked.Splittable;
        try
        {
            using (var probe = FileReplaySource.Open(file))
            {
                if (!probe.CanSeek) return false;   // a FIFO: what is read to detect would be lost
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;   // the replay meets it and reports it
        }

        var found = FormatDetection.InFirstLines(cancel => FileReplaySource.Read(file, cancel), _candidates);
        if (found is null) return false;
        Announce(found);
        Format = found;
        return found.Splittable;
    }

    // Parsers of several workers may each detect: say it once.
    private void Announce(LogFormat format)
    {
        if (Interlocked.Exchange(ref _announced, 1) != 0) return;
        _detected = format;
        _view.OnNotice($"{_origin}: {format.NewParser().FormatName} (detected; --format or --log-format to choose)");
    }
}

using RxLog.Parsing;
using RxLog.Pipeline;
using RxLog.Rendering;
using RxLog.Sources;

namespace RxLog.Cli;

/// <summary>The format of one run: the one asked for, or <c>auto</c>, which decides for each source (file, stdin) on
/// its own, says what it found (once per source, on stderr) and names it in the summary.</summary>
internal sealed class FormatChoice
{
    private readonly string _origin;
    private readonly IMonitorView _view;
    private readonly IReadOnlyList<LogFormat> _candidates;
    private readonly LogFormat? _asked;
    private readonly object _gate = new();
    private readonly List<(string Origin, LogFormat Format)> _detected = new();
    private LogFormat? _beforeSplitting;
    private readonly bool _sayUndetected;
    private readonly HashSet<string> _undetected = new(StringComparer.Ordinal);   // by _gate

    /// <param name="origin">The source <c>check</c> reads (a file, or <c>-</c>).</param>
    /// <param name="sayUndetected">Live modes: a source whose first lines are no record of any format is said while the
    /// run goes on (<c>check</c> says it once, as its error, at the end).</param>
    public FormatChoice(MonitorOptions options, string origin, IMonitorView view, bool sayUndetected = false)
    {
        _origin = origin;
        _view = view;
        _sayUndetected = sayUndetected;
        _candidates = options.Candidates;
        _asked = options.Format;
    }

    /// <summary><c>check</c>: the format to parse its one source with (every worker makes its own parser).</summary>
    public LogFormat Format => _asked ?? _beforeSplitting ?? DetectingFor(_origin);

    /// <summary>Live modes: a parser for the source <paramref name="origin"/>.</summary>
    public ILogLineParser NewParserFor(string origin) => (_asked ?? DetectingFor(origin)).NewParser();

    /// <summary><c>watch</c>'s backfill: a parser for the tail of <paramref name="origin"/>, which says what it detects
    /// but not that nothing was (it reads from the end: its "first line" would be the last).</summary>
    public ILogLineParser NewBackfillParserFor(string origin) =>
        (_asked ?? LogFormats.Detecting(_candidates, format => Announce(origin, format))).NewParser();

    /// <summary>The name of the format(s) the lines were read in, for the summary; null when none was recognised.</summary>
    public string? Name()
    {
        if (_asked is not null) return _asked.NewParser().FormatName;
        lock (_gate)
        {
            var names = _detected.Select(d => d.Format.NewParser().FormatName).Distinct().ToList();
            return names.Count == 0 ? null : string.Join(", ", names);
        }
    }

    /// <summary>What the input was expected to be, for the "no record" error.</summary>
    public string Expected => (_asked ?? LogFormats.Detecting(_candidates)).NewParser().FormatName;

    /// <summary>Before <c>check</c> parses <paramref name="file"/> (open as <paramref name="input"/>) on several
    /// cores: with <c>auto</c>, reads its first lines to fix the format (at fixed offsets, or as a stream it then
    /// rewinds). False when it must be parsed on one thread (a format that cannot be split, no format found, or a file
    /// that cannot be read twice, like a pipe).</summary>
    public bool DetectBeforeSplitting(FileStream input, string file, CancellationToken cancel = default)
    {
        if (_asked is not null) return _asked.Splittable;
        if (!input.CanSeek) return false;   // a FIFO: what is read to detect would be lost

        LogFormat? found = FormatDetection.InHead(input, file, _candidates, out bool settled);
        if (!settled)
        {
            try
            {
                found = FormatDetection.InFirstLines(stop => FileReplaySource.ReadStream(input, file, stop), _candidates, cancel);
            }
            finally
            {
                input.Position = 0;   // the replay reads the file from its start
            }
        }
        if (found is null) return false;
        Announce(file, found);
        _beforeSplitting = found;
        return found.Splittable;
    }

    private LogFormat DetectingFor(string origin) => LogFormats.Detecting(_candidates, format => Announce(origin, format),
        !_sayUndetected ? null : first => SayUndetected(origin, first));

    // The parsers of a source (one per subscription) may each give up: say it once per source.
    private void SayUndetected(string origin, string first)
    {
        lock (_gate)
            if (!_undetected.Add(origin)) return;
        _view.OnNotice($"{origin}: {DetectingParser.UndetectedAfter} lines and none a record of "
                                + $"{LogFormats.Detecting(_candidates).NewParser().FormatName}; the first was: {first}");
    }

    // The parsers of several workers may each detect the same source: say it once per source.
    private void Announce(string origin, LogFormat format)
    {
        lock (_gate)
        {
            if (_detected.Any(d => d.Origin == origin)) return;
            _detected.Add((origin, format));
        }
        _view.OnNotice($"{origin}: {format.NewParser().FormatName} (detected; --format or --log-format to choose)");
    }
}

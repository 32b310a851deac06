using RxLog.Parsing.W3c;

namespace RxLog.Parsing;

/// <summary><c>--format auto</c>: parses with the first candidate format that reads a line as a record or a
/// directive, then keeps that format for every later line.</summary>
/// <remarks>A line no candidate reads is invalid and leaves the choice open, so a torn or garbage first line does not
/// decide the format. Candidates are tried in the order given, after a cheap look at the line: a JSON object is only
/// offered to JSON formats, a <c>#</c> line only to formats with directives. Not thread-safe: one per pipeline.</remarks>
public sealed class DetectingParser : ILogLineParser
{
    private readonly IReadOnlyList<LogFormat> _candidates;
    private readonly ILogLineParser[] _parsers;
    private readonly Action<LogFormat>? _detected;
    private readonly Action<string>? _undetected;
    private ILogLineParser? _chosen;
    private int _unread;            // lines no candidate read, before one was chosen
    private string? _firstUnread;

    /// <summary>After this many lines no candidate reads, <c>undetected</c> is told (once): a live source that sends
    /// no record at all (rsyslog sending a file template without the syslog header) says so while it runs, instead
    /// of only counting invalid lines.</summary>
    public const int UndetectedAfter = 50;

    /// <param name="candidates">Formats to try, most likely first.</param>
    /// <param name="detected">Called once, on the parsing thread, when the format is known.</param>
    /// <param name="undetected">Called once, on the parsing thread, with the first line, when
    /// <see cref="UndetectedAfter"/> lines came and none was a record of any candidate.</param>
    public DetectingParser(IReadOnlyList<LogFormat> candidates, Action<LogFormat>? detected = null,
        Action<string>? undetected = null)
    {
        _candidates = candidates;
        _parsers = candidates.Select(c => c.NewParser()).ToArray();
        _detected = detected;
        _undetected = undetected;
    }

    /// <summary>The format chosen so far, or null before any line was read as a record or a directive.</summary>
    public LogFormat? Chosen { get; private set; }

    /// <summary>The detected format's name, or every candidate's before one was chosen.</summary>
    public string FormatName => _chosen?.FormatName ?? string.Join(", ", _parsers.Select(p => p.FormatName).Distinct());

    public bool TryParse(ReadOnlySpan<byte> line, out LogRecord record)
    {
        if (_chosen is not null) return _chosen.TryParse(line, out record);
        record = default;
        bool json = JsonLineParser.ObjectStart(line) >= 0;
        bool directive = !line.IsEmpty && line[0] == (byte)'#';
        for (int i = 0; i < _parsers.Length; i++)
        {
            var parser = _parsers[i];
            if ((parser is JsonLineParser) != json) continue;
            bool parsed = parser.TryParse(line, out record);
            // Only a real W3C directive (#Fields:, #Software: ...) chooses W3C: a "# comment" heading a CLF log does not.
            if (parsed || (directive && W3cParser.LooksLikeW3c(line) && parser.IsDirective(line)))
            {
                _chosen = parser;
                Chosen = _candidates[i];
                _detected?.Invoke(Chosen);
                return parsed;
            }
        }

        if (_undetected is not null && !line.IsEmpty && _unread < UndetectedAfter)
        {
            _firstUnread ??= System.Text.Encoding.UTF8.GetString(line[..Math.Min(line.Length, 200)]);
            if (++_unread == UndetectedAfter) _undetected(_firstUnread);
        }
        return false;
    }

    public bool IsDirective(ReadOnlySpan<byte> line) => _chosen?.IsDirective(line) ?? false;
}

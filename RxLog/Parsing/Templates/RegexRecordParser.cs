using System.Text;
using System.Text.RegularExpressions;

namespace RxLog.Parsing.Templates;

/// <summary>Parsing stage: the parser <see cref="RegexLineParser"/> creates: one regex match per line, fields from
/// its named groups.</summary>
/// <remarks>Not thread-safe: one per pipeline.</remarks>
internal sealed class RegexRecordParser : ILogLineParser
{
    private readonly Regex _regex;
    private readonly TimeFormat _time;
    private readonly InternTable _sections;
    private readonly InternTable _clients = new();
    private readonly int _timeGroup;
    private readonly int _statusGroup;
    private readonly int _bytesGroup;       // -1 when the pattern has no such group
    private readonly int _durationGroup;
    private readonly int _pathGroup;
    private readonly int _requestGroup;
    private readonly int _clientGroup;
    private byte[] _scratch = new byte[256];    // a group's UTF-8 bytes

    public RegexRecordParser(Regex regex, TimeFormat time, InternTable sections)
    {
        _regex = regex;
        _time = time;
        _sections = sections;
        _timeGroup = regex.GroupNumberFromName("time");
        _statusGroup = regex.GroupNumberFromName("status");
        _bytesGroup = regex.GroupNumberFromName("bytes");
        _durationGroup = regex.GroupNumberFromName("duration");
        _pathGroup = regex.GroupNumberFromName("path");
        _requestGroup = regex.GroupNumberFromName("request");
        _clientGroup = regex.GroupNumberFromName("client");
    }

    public string FormatName => $"regex '{_regex}'";

    public bool TryParse(ReadOnlySpan<byte> line, out LogRecord record)
    {
        record = default;
        Match match;
        try
        {
            match = _regex.Match(Encoding.UTF8.GetString(line));
        }
        catch (RegexMatchTimeoutException)
        {
            return false;   // catastrophic backtracking on this line: an invalid line, not a hang
        }

        if (!match.Success
            || !_time.TryParse(Utf8(match.Groups[_timeGroup]), out long second, out short offset)
            || !StatusCode.TryParse(Utf8(match.Groups[_statusGroup]), out short status)
            || match.Groups[_statusGroup].Length != 3)
        {
            return false;
        }

        long bytes = 0;
        if (Present(match, _bytesGroup) is { } bytesText
            && (!Numbers.TryBytes(Utf8(bytesText), out bytes, out int used) || used != bytesText.Length))
        {
            return false;
        }

        long duration = LogRecord.NoDuration;
        if (Present(match, _durationGroup) is { } durationText
            && (!Numbers.TryDuration(Utf8(durationText), 1_000_000, out duration, out int used2) || used2 != durationText.Length))
        {
            return false;
        }

        string? client = Present(match, _clientGroup) is { } c ? Clients.Of(Utf8(c), _clients) : null;
        record = new LogRecord(second, offset, Section(match), status, bytes, duration, client);
        return true;
    }

    private string? Section(Match match)
    {
        ReadOnlySpan<byte> path = Present(match, _pathGroup) is { } p ? Utf8(p)
            : Present(match, _requestGroup) is { } r ? Sections.PathOf(Utf8(r))
            : default;
        return Sections.TryMeasure(path, out int length, out bool appendSlash) ? _sections.Intern(path[..length], appendSlash) : null;
    }

    // The group when the pattern has it and it matched something.
    private static Group? Present(Match match, int group) =>
        group >= 0 && match.Groups[group] is { Success: true, Length: > 0 } g ? g : null;

    // The group's text as UTF-8 in the scratch buffer (valid until the next call).
    private ReadOnlySpan<byte> Utf8(Group group)
    {
        ReadOnlySpan<char> text = group.ValueSpan;
        int max = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (_scratch.Length < max)
        {
            _scratch = new byte[Math.Max(max, _scratch.Length * 2)];
        }

        return _scratch.AsSpan(0, Encoding.UTF8.GetBytes(text, _scratch));
    }
}

namespace RxLog.Parsing.W3c;

/// <summary>Parsing stage, W3C extended format: the day of lines in a log without a <c>date</c> column (IIS FTP),
/// taken from the last <c>#Date:</c> or <c>#Start-Date:</c> directive.</summary>
/// <remarks>
/// The day moves on whenever the time of day falls back by more than 12 hours: midnight passed inside one header
/// block (a log not rolled over daily). A few seconds back is no new day: IIS logs a request when it ends, and lines
/// can precede their <c>#Date</c> by a second. For the same reason a line less than an hour before the previous one
/// across midnight (23:59:58 after 00:00:01) is a late one, dated the day before; only after a line, since a
/// <c>#Date</c> may say 00:00:00 and its first line 23:00.
/// </remarks>
internal sealed class W3cDirectiveDate
{
    private long? _dayStart;            // null: no directive yet, or the last one did not parse
    private int _timeOfDay;             // of the last line dated here; at first the directive's own
    private bool _timeFromLine;

    /// <summary>Reads a directive's value: <c>2002-05-02 17:42:15  // comment</c> (HTTP.sys) or
    /// <c>28/Jun/2017 07:28:59</c> (Incapsula), a date then a time. A value without a valid date clears the day.</summary>
    public void Set(ReadOnlySpan<byte> value)
    {
        value = value.TrimStart(" \t"u8);
        int end = value.IndexOfAny((byte)' ', (byte)'\t');
        _dayStart = W3cTime.TryParseDate(end < 0 ? value : value[..end], out long day) ? day : null;
        value = end < 0 ? default : value[end..].TrimStart(" \t"u8);
        end = value.IndexOfAny((byte)' ', (byte)'\t');
        _timeOfDay = W3cTime.TryParseTimeOfDay(end < 0 ? value : value[..end], out int time) ? time : 0;
        _timeFromLine = false;
    }

    /// <summary>Unix seconds of the start of the day of a line at <paramref name="timeOfDay"/>; false without a
    /// directive date.</summary>
    public bool TryDayOf(int timeOfDay, out long dayStart)
    {
        dayStart = 0;
        if (_dayStart is not { } day)
        {
            return false;
        }

        if (_timeFromLine && timeOfDay - _timeOfDay > 86_400 - 3_600)
        {
            dayStart = day - 86_400;
            return dayStart >= ClfTimestamp.MinUnixSeconds;
        }

        if (_timeOfDay - timeOfDay > 43_200)
        {
            day += 86_400;
            if (day > ClfTimestamp.MaxUnixSeconds)
            {
                return false;
            }

            _dayStart = day;
        }

        _timeOfDay = timeOfDay;
        _timeFromLine = true;
        dayStart = day;
        return true;
    }
}

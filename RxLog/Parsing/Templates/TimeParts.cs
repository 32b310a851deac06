namespace RxLog.Parsing.Templates;

/// <summary>Parsing stage: what the time fields of one line said (a date, a time of day, a zone, or an absolute
/// Unix time), combined into one timestamp once the whole line has matched.</summary>
/// <remarks>Apache may spread a timestamp over several <c>%{…}t</c> pieces (<c>[%{%d/%b/%Y %T}t.%{msec_frac}t
/// %{%z}t]</c>); each piece sets what it knows. An absolute time (<c>%s</c>, <c>$msec</c>, CLF text) wins over date
/// parts; a missing time of day is midnight; a missing zone is UTC.</remarks>
internal struct TimeParts
{
    public long Epoch;
    public bool HasEpoch;
    public int Year;            // 0 = not given
    public int Month;           // 0 = not given
    public int Day;             // 0 = not given
    public int Hour;
    public int Minute;
    public int Second;
    public byte Meridiem;       // 0 = 24-hour clock, 1 = AM, 2 = PM (%p with %I)
    public int OffsetMinutes;
    public bool HasOffset;

    // DateOnly.DayNumber of 1970-01-01.
    private const int UnixEpochDayNumber = 719_162;

    public void SetAbsolute(long unixSeconds, short offsetMinutes)
    {
        Epoch = unixSeconds;
        HasEpoch = true;
        OffsetMinutes = offsetMinutes;
        HasOffset = true;
    }

    /// <summary>The combined timestamp; false when the parts give no valid date or it is out of range.</summary>
    public readonly bool TryResolve(out long unixSeconds, out short offsetMinutes)
    {
        unixSeconds = 0;
        offsetMinutes = (short)(HasOffset ? OffsetMinutes : 0);
        if (HasEpoch)
        {
            unixSeconds = Epoch;
            return Epoch is >= ClfTimestamp.MinUnixSeconds and <= ClfTimestamp.MaxUnixSeconds;
        }

        if (Year is < 1 or > 9999 || Month is < 1 or > 12 || Day < 1 || Day > DateTime.DaysInMonth(Year, Month))
        {
            return false;
        }

        int hour = Hour;
        if (Meridiem != 0)
        {
            if (hour is < 1 or > 12)
            {
                return false;
            }

            hour = hour % 12 + (Meridiem == 2 ? 12 : 0);
        }

        if (hour is < 0 or > 23 || Minute is < 0 or > 59 || Second is < 0 or > 59)
        {
            return false;
        }

        long days = new DateOnly(Year, Month, Day).DayNumber - UnixEpochDayNumber;
        long utc = days * 86_400 + hour * 3_600 + Minute * 60 + Second - offsetMinutes * 60L;
        unixSeconds = utc;
        return utc is >= ClfTimestamp.MinUnixSeconds and <= ClfTimestamp.MaxUnixSeconds;
    }
}

namespace RxLog.Parsing.Templates;

/// <summary>Parsing stage: what the fields of the line being matched said so far; a fresh one per line, on the stack.</summary>
/// <remarks>When a free-text field tries a later end, every step after it runs again and overwrites its part.</remarks>
internal struct LineState
{
    public int Tries;           // free-text ends left to try on this line
    public TimeParts Time;
    public short Status;
    public long Bytes;
    public long Duration;       // microseconds, or LogRecord.NoDuration
    public int PathStart;       // -1 when the format has no path field
    public int PathEnd;
    public int RequestStart;    // -1 when the format has no request field
    public int RequestEnd;
    public int ClientStart;     // -1 when the format has no client field
    public int ClientEnd;
    public int NeededEnd;       // where the last field the record needs ended
}

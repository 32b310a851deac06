namespace RxLog.Parsing.Templates;

/// <summary>Parsing stage: which parts of a timestamp a time field supplies, checked when a format is compiled.</summary>
[Flags]
internal enum TimeFieldSet
{
    None = 0,
    Year = 1,
    Month = 2,
    Day = 4,
    TimeOfDay = 8,
    Zone = 16,
    Absolute = 32,
    Date = Year | Month | Day,
}

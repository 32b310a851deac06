namespace RxLog.Parsing.W3c;

/// <summary>What a W3C extended log column means to rxlog; every column it does not read is <see cref="Other"/>.</summary>
internal enum W3cColumn : byte
{
    Other,
    Date,
    Time,
    Path,
    Status,
    Bytes,
    Duration,
    Client,
}

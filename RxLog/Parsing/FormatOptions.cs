namespace RxLog.Parsing;

/// <summary>What the user said about the input's format: <c>--format</c>, <c>--log-format</c>, <c>--regex</c>,
/// <c>--time-format</c>, <c>--field</c>.</summary>
public sealed record FormatOptions(string Format = "auto", string? LogFormat = null, string? Regex = null,
    string? TimeFormat = null, IReadOnlyList<string>? Fields = null);

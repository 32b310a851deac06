namespace RxLog.Generation;

/// <summary>One synthetic access-log line and the time written in it.</summary>
/// <param name="Time">The line's timestamp (whole seconds, in the offset of <see cref="GeneratorOptions.Start"/>).</param>
/// <param name="Text">The line without its trailing <c>\n</c>.</param>
public readonly record struct GeneratedLine(DateTimeOffset Time, string Text);

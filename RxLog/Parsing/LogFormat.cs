namespace RxLog.Parsing;

/// <summary>A log format rxlog can read: its name, how to make a parser for it, and whether chunks of a file can be
/// parsed apart from each other.</summary>
/// <param name="Name">What <c>--format</c> calls it (<c>common</c>, <c>w3c</c>, …); the user-facing description is
/// the parser's <see cref="ILogLineParser.FormatName"/>.</param>
/// <param name="NewParser">A fresh parser: parsers keep caches and are used by one thread each.</param>
/// <param name="Splittable">False when a line's meaning depends on lines before it (W3C's <c>#Fields:</c>), so the file
/// must be parsed in order on one thread.</param>
public sealed record LogFormat(string Name, Func<ILogLineParser> NewParser, bool Splittable = true);

using RxLog.Parsing;

namespace RxLog.Sources;

/// <summary>What <c>watch</c> needs to fill the alert window from a file's existing lines when it starts at the end:
/// the window's length and a parser for that file's format.</summary>
/// <param name="WindowSeconds">The alert window W: lines dated within the last W seconds before now are loaded.</param>
/// <param name="NewParser">Makes a parser of the file's format (the same choice the pipeline makes for it).</param>
public sealed record WindowBackfill(int WindowSeconds, Func<ILogLineParser> NewParser);

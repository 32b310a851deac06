namespace RxLog.Parsing;

/// <summary>The formats rxlog reads, by <c>--format</c> name, and the choice among them for a run.</summary>
/// <remarks>Common and Combined share one parser: Combined's referer and user agent are extra fields after bytes.</remarks>
public static class LogFormats
{
    /// <summary>Every <c>--format</c> value.</summary>
    public static readonly string[] Names = ["auto", "common", "combined", "clf", "vhost", "json"];

    public static LogFormat Common { get; } = new("common", () => new CommonLogParser());

    public static LogFormat VirtualHost { get; } = new("vhost", CommonLogParser.WithVirtualHost);

    public static LogFormat Json { get; } = new("json", () => new JsonLineParser());

    /// <summary>What <c>auto</c> tries, most likely first.</summary>
    public static IReadOnlyList<LogFormat> AutoCandidates { get; } = [Common, VirtualHost, Json];

    /// <summary>The format <paramref name="options"/> ask for; null for <c>auto</c> (the caller detects it, see
    /// <see cref="Detecting"/>). False with a one-line error for a format that cannot be used.</summary>
    public static bool TryResolve(FormatOptions options, out LogFormat? format, out string? error)
    {
        format = null;
        error = null;
        int custom = (options.LogFormat is null ? 0 : 1) + (options.Regex is null ? 0 : 1);
        if (custom > 1 || (custom == 1 && options.Format != "auto"))
        {
            error = "choose one of --format, --log-format and --regex";
            return false;
        }

        if (options.TimeFormat is not null && options.Regex is null)
        {
            error = "--time-format applies to --regex only (--log-format says how its times are written)";
            return false;
        }

        format = options.Format switch
        {
            "auto" => null,
            "vhost" => VirtualHost,
            "json" => Json,
            _ => Common,
        };
        return true;
    }

    /// <summary><c>auto</c>: a format whose parser picks among <see cref="AutoCandidates"/> on the first line one of
    /// them reads, and calls <paramref name="detected"/> then.</summary>
    public static LogFormat Detecting(Action<LogFormat>? detected = null) =>
        new("auto", () => new DetectingParser(AutoCandidates, detected), Splittable: false);

    /// <summary>The parser for a <c>--format</c> name (tests and tools).</summary>
    public static ILogLineParser Create(string name)
    {
        if (!TryResolve(new FormatOptions(name), out var format, out var error)) throw new ArgumentException(error, nameof(name));
        return (format ?? Detecting()).NewParser();
    }
}

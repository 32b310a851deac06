namespace RxLog.Parsing;

/// <summary>The formats rxlog reads, by <c>--format</c> name, and the choice among them for a run.</summary>
/// <remarks>Common and Combined share one parser: Combined's referer and user agent are extra fields after bytes.</remarks>
public static class LogFormats
{
    /// <summary>Every <c>--format</c> value.</summary>
    public static readonly string[] Names = ["auto", "common", "combined", "clf", "vhost", "w3c", "iis", "json"];

    public static LogFormat Common { get; } = new("common", () => new CommonLogParser());

    public static LogFormat VirtualHost { get; } = new("vhost", CommonLogParser.WithVirtualHost);

    public static LogFormat Json { get; } = new("json", () => new JsonLineParser());

    /// <summary>W3C extended: a line's columns are those of the last <c>#Fields:</c> before it, so one thread reads
    /// the file in order.</summary>
    public static LogFormat W3c { get; } = new("w3c", () => new W3c.W3cParser(), Splittable: false);

    /// <summary>What <c>auto</c> tries, most likely first.</summary>
    public static IReadOnlyList<LogFormat> AutoCandidates { get; } = [Common, VirtualHost, W3c, Json];

    /// <summary>The format <paramref name="options"/> ask for, or null for <c>auto</c>, and the formats <c>auto</c>
    /// chooses among (JSON with the <c>--field</c> mappings). False with a one-line error for options that cannot be
    /// used together or a format that cannot be compiled.</summary>
    public static bool TryResolve(FormatOptions options, out LogFormat? format, out IReadOnlyList<LogFormat> candidates,
        out string? error)
    {
        format = null;
        candidates = AutoCandidates;
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

        if (options.Fields is { Count: > 0 } && (custom > 0 || options.Format is not ("auto" or "json")))
        {
            error = "--field applies to JSON lines only";
            return false;
        }

        if (options.LogFormat is { } template) return TryCustom("--log-format", () => Templates.LogFormatTemplate.Compile(template), out format, out error);
        if (options.Regex is { } regex)
            return TryCustom("--regex", () => Templates.RegexLineParser.Create(regex, options.TimeFormat), out format, out error);

        if (!JsonFields.TryParse(options.Fields ?? [], out var fields, out error)) return false;
        var json = fields == JsonFields.Defaults ? Json : new LogFormat("json", () => new JsonLineParser(fields));
        candidates = [Common, VirtualHost, W3c, json];
        format = options.Format switch
        {
            "auto" => null,
            "vhost" => VirtualHost,
            "w3c" or "iis" => W3c,
            "json" => json,
            _ => Common,
        };
        return true;
    }

    // A format compiled from the user's text: compiled once here to report its errors, then once per parser.
    private static bool TryCustom(string option, Func<ILogLineParser> compile, out LogFormat? format, out string? error)
    {
        format = null;
        error = null;
        try
        {
            compile();
        }
        catch (FormatException e)
        {
            error = $"{option}: {e.Message}";
            return false;
        }

        format = new LogFormat(option[2..], compile);
        return true;
    }

    /// <summary><c>auto</c>: a format whose parser picks among <paramref name="candidates"/> on the first line one of
    /// them reads, and calls <paramref name="detected"/> then.</summary>
    public static LogFormat Detecting(IReadOnlyList<LogFormat> candidates, Action<LogFormat>? detected = null,
        Action<string>? undetected = null) =>
        new("auto", () => new DetectingParser(candidates, detected, undetected), Splittable: false);

    /// <summary>The parser for a <c>--format</c> name (tests and tools).</summary>
    public static ILogLineParser Create(string name)
    {
        if (!TryResolve(new FormatOptions(name), out var format, out var candidates, out var error))
            throw new ArgumentException(error, nameof(name));
        return (format ?? Detecting(candidates)).NewParser();
    }
}

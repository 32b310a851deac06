using System.CommandLine;
using System.Text.Json;
using RxLog.Cli;

namespace RxLog.Tests.Support;

/// <summary>What one in-process run of the command line left behind: exit code and the captured stdout and stderr.</summary>
internal sealed record CliResult(int Code, string Out, string Err)
{
    /// <summary>The non-empty lines of stderr.</summary>
    public string[] ErrLines => Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>stderr without the "format detected" notice that <c>--format auto</c> prints: what went wrong, if anything.</summary>
    public string Problems => WithoutDetectionNotice(Err);

    /// <summary><paramref name="stderr"/> without the line saying which format was detected.</summary>
    public static string WithoutDetectionNotice(string stderr) => string.Concat(stderr.Split('\n')
        .Where(l => l.Length > 0 && !l.EndsWith(" (detected; --format or --log-format to choose)", StringComparison.Ordinal))
        .Select(l => l + "\n"));

    /// <summary>The non-empty lines of stdout.</summary>
    public string[] OutLines => Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The last stdout line parsed as JSON: the summary of a <c>--json</c> run.</summary>
    public JsonElement Summary
    {
        get
        {
            using var document = JsonDocument.Parse(OutLines[^1]);
            return document.RootElement.Clone();
        }
    }
}

/// <summary>Runs <c>rxlog</c> in process, as <c>Program.Main</c> does, with stdin injected and output captured.</summary>
internal static class CliRunner
{
    /// <summary>Parses <paramref name="args"/>; on a parse error writes the one line Program writes and returns 2,
    /// else invokes the action with captured writers.</summary>
    /// <param name="cancel">Stands for Ctrl+C or SIGTERM (Program cancels the invocation's token on either).</param>
    /// <param name="env">The environment rxlog sees (<c>GITHUB_ACTIONS</c>, …); empty by default, whatever the test runner's is.</param>
    public static async Task<CliResult> RunAsync(string[] args, byte[]? stdin = null, bool stdinIsTerminal = false,
        bool stdoutIsTerminal = false, string? term = null, CancellationToken cancel = default,
        IReadOnlyDictionary<string, string>? env = null)
    {
        var io = new ConsoleIo(() => new MemoryStream(stdin ?? []), stdinIsTerminal, stdoutIsTerminal, term)
        {
            Environment = name => env?.GetValueOrDefault(name),
        };
        var output = new StringWriter();
        var error = new StringWriter();
        var parse = RxLogCommand.Build(io).Parse(args);
        int code = parse.Errors.Count > 0
            ? RxLogCommand.FailParse(parse, error)
            : await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancel);
        return new CliResult(code, output.ToString(), error.ToString());
    }

    public static Task<CliResult> RunAsync(params string[] args) => RunAsync(args, stdin: null);

    /// <summary>The first parse error's message, or null when <paramref name="args"/> parse cleanly.</summary>
    public static string? ParseError(params string[] args)
    {
        var io = new ConsoleIo(() => new MemoryStream(), StdinIsTerminal: true, StdoutIsTerminal: false);
        var parse = RxLogCommand.Build(io).Parse(args);
        return parse.Errors.Count > 0 ? parse.Errors[0].Message : null;
    }

    /// <summary>The value <paramref name="option"/> takes for <paramref name="args"/>, asserting they parse.</summary>
    public static T ValueOf<T>(Option<T> option, params string[] args)
    {
        var io = new ConsoleIo(() => new MemoryStream(), StdinIsTerminal: true, StdoutIsTerminal: false);
        var parse = RxLogCommand.Build(io).Parse(args);
        Assert.Empty(parse.Errors);
        return parse.GetValue(option)!;
    }
}

using System.CommandLine;
using RxLog.Cli;

namespace RxLog.Tests.Support;

/// <summary>Runs the real command line in-process with captured stdout/stderr and an injected stdin, as
/// <c>Program</c> does: parse errors become one <c>rxlog: </c> line and exit 2.</summary>
public static class CliRun
{
    public static async Task<(int Code, string Out, string Err)> RunAsync(string[] args, byte[]? stdin = null,
        bool stdinIsTerminal = false)
    {
        var io = new ConsoleIo(() => new MemoryStream(stdin ?? Array.Empty<byte>()), stdinIsTerminal, StdoutIsTerminal: false);
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var parse = RxLogCommand.Build(io).Parse(args);
        int code = parse.Errors.Count > 0
            ? RxLogCommand.Fail(error, $"{parse.Errors[0].Message} (see 'rxlog --help')")
            : await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }

    public static Task<(int Code, string Out, string Err)> RunAsync(params string[] args) => RunAsync(args, null);
}

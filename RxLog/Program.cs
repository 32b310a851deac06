using System.CommandLine;
using System.Runtime.InteropServices;
using RxLog.Cli;
using RxLog.Pipeline;

namespace RxLog;

/// <summary>Composition root: parse, turn parse errors into one line and exit 2, route signals, invoke.</summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        // check's per-line code compiles on a spare core while the command line is parsed and the file opened. The
        // word may follow options (`rxlog --json check f`); where it is a file name instead, the spare core's few
        // milliseconds are all it costs.
        if (Array.IndexOf(args, "check") >= 0) HotPathWarmUp.Start();
        var io = ConsoleIo.FromProcess();
        var parse = RxLogCommand.Build(io).Parse(args);
        if (parse.Errors.Count > 0) return RxLogCommand.FailParse(parse, Console.Error);

        // Summary first, then 130/143 (DOTNET-NOTES.md §4.4 item 9); stdout through fd 1 so a closed pipe raises (item 10).
        using var cts = new CancellationTokenSource();
        using var onInt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => Stop(c, 130));
        using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => Stop(c, 143));
        var stdout = new StreamWriter(StandardOutput.Open(), bufferSize: 64 * 1024);
        int code = await parse.InvokeAsync(new InvocationConfiguration { Output = stdout, ProcessTerminationTimeout = null }, cts.Token);
        try { stdout.Dispose(); }
        catch (IOException) { return ExitCodes.OutputClosed; }
        return code;

        void Stop(PosixSignalContext context, int code)
        {
            context.Cancel = true;
            io.SignalExitCode ??= code;
            cts.Cancel();
        }
    }
}

using RxLog.Rendering.Dashboard;

namespace RxLog.Cli;

/// <summary>The process's standard streams as the commands see them, injectable so tests can feed stdin.</summary>
/// <param name="OpenStdin">Opens standard input as a raw byte stream.</param>
/// <param name="StdinIsTerminal">True when nothing is piped in (a person at a terminal).</param>
/// <param name="StdoutIsTerminal">True when stdout is an interactive terminal.</param>
/// <param name="Term">The <c>TERM</c> environment variable (<c>dumb</c> gets no dashboard), null when unset.</param>
public sealed record ConsoleIo(Func<Stream> OpenStdin, bool StdinIsTerminal, bool StdoutIsTerminal, string? Term = null)
{
    /// <summary>Signal exit code (130 or 143) once SIGINT or SIGTERM arrived; set by <c>Program</c>.</summary>
    public int? SignalExitCode { get; set; }

    /// <summary>Subscribes a callback to resizes of the terminal on stdout until disposed; null for none.</summary>
    public Func<Action, IDisposable>? Resizes { get; init; }

    /// <summary>The process environment (<c>GITHUB_ACTIONS</c>, <c>GITHUB_STEP_SUMMARY</c>); tests give their own.</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    /// <summary>The real streams; a closed stdin (<c>&lt;&amp;-</c>) reads as empty.</summary>
    public static ConsoleIo FromProcess() => new(ClosedStdin.IsOurOwnPipe() ? () => Stream.Null : Console.OpenStandardInput,
        !Console.IsInputRedirected, !Console.IsOutputRedirected, System.Environment.GetEnvironmentVariable("TERM"))
    {
        Resizes = TerminalResize.OnResize,
    };
}

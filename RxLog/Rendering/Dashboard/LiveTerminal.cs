using RxLog.Pipeline;
using Spectre.Console;

namespace RxLog.Rendering.Dashboard;

/// <summary>What a live mode (stdin, <c>watch</c>) tells <see cref="ViewFactory"/> so it can choose the dashboard.</summary>
/// <param name="Plain"><c>--plain</c>: plain lines even on a terminal.</param>
/// <param name="StdoutIsTerminal">Whether stdout is an interactive terminal.</param>
/// <param name="Term">The <c>TERM</c> variable; <c>dumb</c> gets plain lines.</param>
/// <param name="Source">What is read, for the header: <c>-</c> for stdin, else the followed files.</param>
/// <param name="Settings">Threshold, window and interval, for the header.</param>
/// <param name="Console">Makes the terminal console; null for Spectre's own on <c>output</c> (tests inject one).</param>
/// <param name="Resizes">Subscribes a callback to the terminal's resizes until disposed; null for none (tests inject
/// one; the process passes <see cref="TerminalResize.OnResize"/>).</param>
public sealed record LiveTerminal(bool Plain, bool StdoutIsTerminal, string? Term, string Source, MonitorSettings Settings,
    Func<TextWriter, IAnsiConsole>? Console = null, Func<Action, IDisposable>? Resizes = null);

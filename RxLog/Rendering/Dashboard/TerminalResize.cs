using System.Reactive.Disposables;
using System.Runtime.InteropServices;

namespace RxLog.Rendering.Dashboard;

/// <summary>Resizes of the process's terminal (Rendering stage): SIGWINCH, which the kernel sends to the terminal's
/// foreground process group when the window changes size.</summary>
public static class TerminalResize
{
    /// <summary>Calls <paramref name="resized"/> after each resize, on a thread-pool thread, until disposed; a platform
    /// without SIGWINCH never calls it.</summary>
    public static IDisposable OnResize(Action resized)
    {
        ArgumentNullException.ThrowIfNull(resized);
        if (OperatingSystem.IsWindows()) return Disposable.Empty; // no SIGWINCH; Windows Terminal reflows by itself
        try
        {
            return PosixSignalRegistration.Create(PosixSignal.SIGWINCH, _ => resized());
        }
        catch (PlatformNotSupportedException)
        {
            return Disposable.Empty;
        }
    }
}

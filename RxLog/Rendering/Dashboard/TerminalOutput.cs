using System.Runtime.InteropServices;
using System.Text;
using Spectre.Console;

namespace RxLog.Rendering.Dashboard;

/// <summary>The terminal as Spectre sees it: rxlog's own stdout writer, known to be a terminal, with the window's size
/// read at every frame so a resized terminal is drawn to its new size.</summary>
/// <remarks>Spectre's own <see cref="AnsiConsoleOutput"/> treats any writer but <see cref="Console.Out"/> as a pipe of
/// 80 columns. <see cref="Console.WindowWidth"/> kept the first size after a resize here (tmux, .NET 10), so on Linux
/// the size is asked of the terminal itself (<c>ioctl(1, TIOCGWINSZ)</c>) at every frame.</remarks>
public sealed class TerminalOutput(TextWriter writer) : IAnsiConsoleOutput
{
    private const int DefaultWidth = 80, DefaultHeight = 24;
    private const nuint TIOCGWINSZ = 0x5413; // Linux, all architectures rxlog ships for

    public TextWriter Writer { get; } = writer ?? throw new ArgumentNullException(nameof(writer));

    public bool IsTerminal => true;

    public int Width => WindowSize() is { } size ? size.Cols : Size(() => Console.WindowWidth, DefaultWidth);

    public int Height => WindowSize() is { } size ? size.Rows : Size(() => Console.WindowHeight, DefaultHeight);

    public void SetEncoding(Encoding encoding)
    {
        // The writer's encoding (UTF-8) is fixed when rxlog starts.
    }

    private static WinSize? WindowSize()
    {
        if (!OperatingSystem.IsLinux()) return null; // variadic ioctl via P/Invoke is only safe on Linux's ABIs
        try
        {
            return ioctl(1, TIOCGWINSZ, out WinSize size) == 0 && size.Cols > 0 && size.Rows > 0 ? size : null;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    private static int Size(Func<int> read, int fallback)
    {
        try
        {
            int value = read();
            return value > 0 ? value : fallback;
        }
        catch (Exception e) when (e is IOException or PlatformNotSupportedException or InvalidOperationException)
        {
            return fallback;
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct WinSize
    {
        public ushort Rows;
        public ushort Cols;
        public ushort XPixels;
        public ushort YPixels;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int ioctl(int fd, nuint request, out WinSize size);
}

using System.Text;
using Spectre.Console;

namespace RxLog.Rendering.Dashboard;

/// <summary>The terminal as Spectre sees it: rxlog's own stdout writer, known to be a terminal, with the window's size
/// read at every frame so a resized terminal is drawn to its new size.</summary>
/// <remarks>Spectre's own <see cref="AnsiConsoleOutput"/> treats any writer but <see cref="Console.Out"/> as a pipe of
/// 80 columns.</remarks>
public sealed class TerminalOutput(TextWriter writer) : IAnsiConsoleOutput
{
    private const int DefaultWidth = 80, DefaultHeight = 24;

    public TextWriter Writer { get; } = writer ?? throw new ArgumentNullException(nameof(writer));

    public bool IsTerminal => true;

    public int Width => Size(() => Console.WindowWidth, DefaultWidth);

    public int Height => Size(() => Console.WindowHeight, DefaultHeight);

    public void SetEncoding(Encoding encoding)
    {
        // The writer's encoding (UTF-8) is fixed when rxlog starts.
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
}

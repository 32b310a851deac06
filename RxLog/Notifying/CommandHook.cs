using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace RxLog.Notifying;

/// <summary><c>--on-alert CMD</c>: runs <c>/bin/sh -c CMD</c> for each alert and recovery, with the event's JSON on
/// stdin and its values in the environment (<c>RXLOG_EVENT</c>, <c>RXLOG_RULE</c>, <c>RXLOG_VALUE</c>,
/// <c>RXLOG_THRESHOLD</c>, <c>RXLOG_TIME</c>, <c>RXLOG_MESSAGE</c>, <c>RXLOG_SUMMARY</c>, <c>RXLOG_LABEL_&lt;NAME&gt;</c>).
/// Text from the log never reaches the command line.</summary>
/// <remarks>The command starts a session of its own (<c>setsid</c>), so a timeout or rxlog's exit kills its whole
/// process group, whatever it started. Its output is not rxlog's: stdout and stderr are read and dropped, except the
/// last line of stderr, which a failure's notice quotes.</remarks>
public sealed class CommandHook(string command, TimeSpan timeout) : INotificationSink
{
    private const string SetSid = "/usr/bin/setsid";
    private const int SigKill = 9;

    public string Command { get; } = command;

    public string Name { get; } = $"hook '{(command.Length > 40 ? command[..39] + "…" : command)}'";

    public TimeSpan Timeout { get; } = timeout;

    /// <summary>The environment a notice gives the command, beside rxlog's own.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Environment(AlertNotice notice)
    {
        var variables = new List<KeyValuePair<string, string>>
        {
            new("RXLOG_EVENT", notice.Event),
            new("RXLOG_RULE", notice.Rule),
            new("RXLOG_VALUE", AlertNotice.Number(notice.Value)),
            new("RXLOG_THRESHOLD", AlertNotice.Number(notice.Threshold)),
            new("RXLOG_TIME", notice.Time),
            new("RXLOG_MESSAGE", notice.Message),
        };
        if (notice.Summary is not null) variables.Add(new("RXLOG_SUMMARY", notice.Summary));
        foreach (var (name, value) in notice.Labels) variables.Add(new("RXLOG_LABEL_" + VariableName(name), value));
        return variables;
    }

    // A label's name as a shell variable's: upper case, anything but letters, digits and _ as _.
    private static string VariableName(string label)
    {
        var name = new StringBuilder(label.Length);
        foreach (char c in label) name.Append(char.IsAsciiLetterOrDigit(c) ? char.ToUpperInvariant(c) : '_');
        return name.ToString();
    }

    public async Task SendAsync(AlertNotice notice, CancellationToken cancel)
    {
        bool ownGroup = File.Exists(SetSid);
        var start = new ProcessStartInfo(ownGroup ? SetSid : "/bin/sh")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (ownGroup) start.ArgumentList.Add("/bin/sh");
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(Command);
        foreach (var (name, value) in Environment(notice)) start.Environment[name] = value;

        using var process = Process.Start(start) ?? throw new DeliveryFailedException("could not be started");
        // setsid execs the shell in place (it is not a group leader here), so the group's id is the process's.
        await using var kill = cancel.Register(() => KillGroup(process, ownGroup));
        var output = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null, CancellationToken.None);
        var lastError = LastLine(process.StandardError);
        try
        {
            await process.StandardInput.WriteAsync((notice.Json + "\n").AsMemory(), CancellationToken.None);
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The command did not read its stdin: its exit status says whether it worked.
        }
        await process.WaitForExitAsync(CancellationToken.None);
        cancel.ThrowIfCancellationRequested();
        await output;
        string? error = await lastError;
        if (process.ExitCode != 0)
            throw new DeliveryFailedException($"exited {process.ExitCode}{(error is null ? "" : $": {Rendering.TerminalText.Sanitize(error)}")}");
    }

    private static async Task<string?> LastLine(StreamReader error)
    {
        string? last = null;
        while (await error.ReadLineAsync() is { } line)
            if (line.Length > 0) last = line.Length > 200 ? line[..200] : line;
        return last;
    }

    private static void KillGroup(Process process, bool ownGroup)
    {
        try
        {
            if (ownGroup) _ = kill(-process.Id, SigKill);
            process.Kill(entireProcessTree: true);
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already gone.
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}

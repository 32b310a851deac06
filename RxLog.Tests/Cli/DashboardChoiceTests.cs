using System.Text;
using RxLog.Tests.Support;

namespace RxLog.Tests.Cli;

/// <summary>Which view the commands choose on a terminal: the flags reach <c>ViewFactory</c> from the command line.</summary>
public class DashboardChoiceTests
{
    private static readonly byte[] Log = Encoding.UTF8.GetBytes(
        "127.0.0.1 - - [01/Jan/2026:10:00:01 +0000] \"GET /api/x HTTP/1.1\" 200 512\n"
        + "127.0.0.1 - - [01/Jan/2026:10:00:02 +0000] \"GET /pages/y HTTP/1.1\" 404 128\n");

    private static async Task<string> PlainOutput(params string[] args) =>
        (await CliRunner.RunAsync(args, Log, stdoutIsTerminal: false)).Out;

    [Fact]
    public async Task Stdin_on_a_dumb_terminal_gets_plain_lines()
    {
        var result = await CliRunner.RunAsync(["--clock", "log"], Log, stdoutIsTerminal: true, term: "dumb");
        Assert.Equal(await PlainOutput("--clock", "log"), result.Out);
        Assert.StartsWith("[2026-01-01 10:00:00 → 10:00:10 +00:00] hits 2", result.Out);
    }

    [Fact]
    public async Task Plain_flag_on_a_terminal_gets_plain_lines()
    {
        var result = await CliRunner.RunAsync(["--plain", "--clock", "log"], Log, stdoutIsTerminal: true, term: "xterm");
        Assert.Equal(await PlainOutput("--clock", "log"), result.Out);
    }

    [Fact]
    public async Task Check_of_stdin_on_a_terminal_stays_plain()
    {
        var result = await CliRunner.RunAsync(["check", "-"], Log, stdoutIsTerminal: true, term: "xterm");
        Assert.Equal(await PlainOutput("check", "-"), result.Out);
        Assert.DoesNotContain("┌─ rxlog", result.Out);
    }
}

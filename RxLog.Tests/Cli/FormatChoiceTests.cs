using System.Text;
using RxLog.Cli;
using RxLog.Tests.Support;

namespace RxLog.Tests.Cli;

/// <summary>How a run chooses its format (issue 4 "Auto-detection"): what it says on stderr and in the JSON summary,
/// and the one-line errors for options that do not go together.</summary>
public sealed class FormatChoiceTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private string WriteLog(string name, string text)
    {
        string path = _dir.File(name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task Auto_says_once_on_stderr_which_format_it_detected_and_names_it_in_the_summary()
    {
        string log = WriteLog("a.log", CliLogs.Steady(seconds: 3, perSecond: 2));

        var result = await CliRunner.RunAsync("check", log, "--json");

        Assert.Equal($"rxlog: {log}: Common/Combined Log Format (detected; --format or --log-format to choose)\n", result.Err);
        Assert.Equal("Common/Combined Log Format", result.Summary.GetProperty("format").GetString());
    }

    [Fact]
    public async Task A_format_that_was_asked_for_is_not_announced_but_still_named_in_the_summary()
    {
        string log = WriteLog("a.log", CliLogs.Steady(seconds: 3, perSecond: 2));

        var result = await CliRunner.RunAsync("check", log, "--json", "--format", "combined");

        Assert.Equal((ExitCodes.Ok, ""), (result.Code, result.Err));
        Assert.Equal("Common/Combined Log Format", result.Summary.GetProperty("format").GetString());
    }

    [Fact]
    public async Task Detection_is_announced_for_stdin_too()
    {
        var result = await CliRunner.RunAsync(["check", "-"], stdin: Encoding.UTF8.GetBytes(CliLogs.Steady(seconds: 2, perSecond: 1)));

        Assert.Equal("rxlog: -: Common/Combined Log Format (detected; --format or --log-format to choose)\n", result.Err);
    }

    [Fact]
    public async Task A_first_line_no_format_reads_does_not_decide_the_format()
    {
        string log = WriteLog("torn.log", "miriwo - - [garbage\n" + CliLogs.Steady(seconds: 2, perSecond: 1));

        var result = await CliRunner.RunAsync("check", log, "--json");

        Assert.Equal((2L, 1L), (result.Summary.GetProperty("hits").GetInt64(), result.Summary.GetProperty("invalid").GetInt64()));
    }

    [Theory]
    [InlineData(900)]     // past the first 64 KiB, which alone do not settle it, but within the 1,000 lines looked at
    [InlineData(1200)]    // past those too: the replay's parser then finds it, on one thread
    public async Task A_format_first_seen_past_the_start_of_a_file_is_still_found_and_every_line_counted(int junkLines)
    {
        string junk = string.Concat(Enumerable.Range(0, junkLines).Select(i => $"{i:D6} {new string('x', 92)}\n"));
        string log = WriteLog("late.log", junk + CliLogs.Steady(seconds: 2, perSecond: 1));

        var result = await CliRunner.RunAsync("check", log, "--json");

        Assert.Equal($"rxlog: {log}: Common/Combined Log Format (detected; --format or --log-format to choose)\n", result.Err);
        Assert.Equal((2L, (long)junkLines),
            (result.Summary.GetProperty("hits").GetInt64(), result.Summary.GetProperty("invalid").GetInt64()));
    }

    [Fact]
    public async Task A_file_that_fails_to_read_while_its_format_is_detected_is_one_line_and_exit_2()
    {
        // sysfs says this file holds 4,096 bytes, then refuses to read them (EINVAL): a read error at the first read.
        const string unreadable = "/sys/class/net/lo/speed";
        Assert.True(File.Exists(unreadable), "this test needs Linux sysfs");

        var result = await CliRunner.RunAsync("check", unreadable, "--json");

        Assert.Equal(ExitCodes.Usage, result.Code);   // 2: input errors share it (CONTRACT.md)
        Assert.StartsWith($"rxlog: {unreadable}: ", result.Err);
        Assert.Single(result.Err.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public async Task Apache_vhost_combined_is_detected()
    {
        string log = RepoPaths.SharedData("lnav_test_logs/logfile_regexp_access_log.0");

        var result = await CliRunner.RunAsync("check", log, "--json");

        Assert.Contains("Combined Log Format with virtual host (detected", result.Err);
        Assert.Equal(File.ReadAllLines(log).Length, result.Summary.GetProperty("hits").GetInt64());
        Assert.Equal(0, result.Summary.GetProperty("invalid").GetInt64());
    }

    [Fact]
    public async Task An_input_of_no_known_format_names_every_format_tried()
    {
        string log = WriteLog("junk.log", "hello\nworld\n");

        var result = await CliRunner.RunAsync("check", log);

        Assert.Equal(ExitCodes.Usage, result.Code);
        Assert.Equal($"rxlog: {log}: no record of Common/Combined Log Format, Combined Log Format with virtual host, W3C extended, JSON lines "
                     + "in 2 invalid line(s); the first was: hello", CliAssert.OneErrorLine(result));
    }

    [Theory]
    [InlineData("--format", "json", "--log-format", "$status")]
    [InlineData("--regex", "(?<time>x)", "--log-format", "$status")]
    [InlineData("--time-format", "iso8601", "--format", "common")]
    public async Task Format_options_that_contradict_each_other_are_a_usage_error(params string[] options)
    {
        string log = WriteLog("a.log", CliLogs.Steady(seconds: 2, perSecond: 1));

        var result = await CliRunner.RunAsync(["check", log, .. options]);

        Assert.Equal(ExitCodes.Usage, result.Code);
        Assert.StartsWith("rxlog: ", CliAssert.OneErrorLine(result));
    }
}

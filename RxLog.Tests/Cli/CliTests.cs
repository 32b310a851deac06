using System.Text;
using System.Text.Json;
using RxLog.Cli;
using RxLog.Tests.Support;

namespace RxLog.Tests.Cli;

/// <summary>The command line as a user meets it (CONTRACT.md "Exit codes", "Durations", "Commands and flags"),
/// run in process through <see cref="CliRunner"/>.</summary>
public sealed class CliTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private string WriteLog(string name, string text) => WriteLog(name, Encoding.UTF8.GetBytes(text));

    private string WriteLog(string name, byte[] bytes)
    {
        string path = _dir.File(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static void AllLinesAreJson(CliResult result)
    {
        foreach (string line in result.OutLines)
        {
            using var document = JsonDocument.Parse(line);   // throws on anything that is not one JSON value
            Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
        }
    }

    [Fact]
    public async Task A_comment_line_heading_a_common_log_does_not_make_it_w3c()
    {
        // Loggers write "# Logfile created ..." first; only a real directive (#Fields:, #Software:) means W3C.
        string log = WriteLog("commented.log", "# Logfile created on 2026-01-01 by logger.rb\n"
            + "10.0.0.1 - - [01/Jan/2026:00:00:00 +0000] \"GET /a/b HTTP/1.1\" 200 10\n"
            + "10.0.0.2 - - [01/Jan/2026:00:00:01 +0000] \"GET /c HTTP/1.1\" 404 20\n");
        var result = await CliRunner.RunAsync(["check", log, "--json"]);

        Assert.Equal(0, result.Code);
        Assert.Contains("Common/Combined Log Format (detected", result.Err);
        string summary = result.OutLines.Single(l => l.Contains("\"type\":\"summary\""));
        Assert.Contains("\"hits\":2,", summary);
        Assert.Contains("\"invalid\":1,", summary);
    }

    [Fact]
    public async Task A_missing_file_named_with_escape_codes_is_reported_without_them()
    {
        var result = await CliRunner.RunAsync(["check", _dir.File("\u001b[2Jgone\a.log")]);

        Assert.Equal(ExitCodes.Usage, result.Code);
        Assert.Contains("no such file", result.Err);
        Assert.DoesNotContain('\u001b', result.Err);
        Assert.DoesNotContain('\a', result.Err);
    }

    [Fact]
    public async Task Watch_refuses_a_mistyped_option_instead_of_waiting_for_it_as_a_file()
    {
        string log = WriteLog("a.log", "");
        var result = await CliRunner.RunAsync(["watch", log, "--thershold", "5"]);

        Assert.Equal(ExitCodes.Usage, result.Code);
        Assert.Equal("", result.Out);
        Assert.Equal("rxlog: unrecognized option '--thershold' for watch (see 'rxlog watch --help'; a file named like an "
            + "option: ./--thershold)", result.Err.TrimEnd());
    }

    [Fact]
    public async Task Watch_of_a_named_pipe_or_a_device_is_one_line_and_exit_2()
    {
        // Following by name seeks and re-opens; a pipe crashed it with a stack trace.
        string pipe = _dir.File("p.pipe");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", pipe)) await mkfifo.WaitForExitAsync();
        foreach (string special in new[] { pipe, "/dev/null" })
        {
            var result = await CliRunner.RunAsync(["watch", special]);
            Assert.Equal(ExitCodes.Usage, result.Code);
            Assert.Equal($"rxlog: {special}: not a regular file; watch follows files by name (read a pipe with: rxlog < {special})",
                result.Err.TrimEnd());
        }
    }

    // --help and --version

    [Fact]
    public async Task Help_lists_the_commands_and_the_common_options()
    {
        var result = await CliRunner.RunAsync("--help");

        Assert.Equal(0, result.Code);
        foreach (string word in new[] { "watch", "check", "generate", "demo", "--threshold", "--window", "--interval", "--top",
                     "--json", "--clock", "--tz" })
        {
            Assert.Contains(word, result.Out);
        }
    }

    [Fact]
    public async Task Version_prints_a_version_number()
    {
        var result = await CliRunner.RunAsync("--version");

        Assert.Equal(0, result.Code);
        Assert.Matches(@"^\d+\.\d+\.\d+", result.Out.Trim());
    }

    // Durations

    [Theory]
    [InlineData("--window", "2m", 120)]
    [InlineData("--window", "10", 10)]          // seconds, never TimeSpan.Parse's ten days
    [InlineData("--window", "10s", 10)]
    [InlineData("--window", "1h", 3600)]
    [InlineData("--interval", "1m30s", 90)]
    [InlineData("--interval", "10", 10)]
    [InlineData("-w", "90s", 90)]
    [InlineData("-i", "1m", 60)]
    public void Durations_are_read_as_whole_seconds(string option, string value, int seconds)
    {
        var target = option is "--window" or "-w" ? CliOptions.Window : CliOptions.Interval;

        Assert.Equal(seconds, CliRunner.ValueOf(target, option, value));
    }

    [Fact]
    public void Durations_default_to_120_and_10_seconds()
    {
        Assert.Equal(120, CliRunner.ValueOf(CliOptions.Window));
        Assert.Equal(10, CliRunner.ValueOf(CliOptions.Interval));
    }

    [Theory]
    [InlineData("--window", "0")]
    [InlineData("--window", "-3")]
    [InlineData("--window", "1.5s")]
    [InlineData("--window", "500ms")]
    [InlineData("--window", "2x")]
    [InlineData("--window", "")]
    [InlineData("--interval", "0")]
    [InlineData("--interval", "-3")]
    [InlineData("--interval", "1.5s")]
    [InlineData("--interval", "500ms")]
    [InlineData("--interval", "2x")]
    [InlineData("--interval", "00:00:30")]
    public async Task A_bad_duration_is_a_one_line_usage_error(string option, string value)
    {
        var result = await CliRunner.RunAsync("check", "-", option, value);

        Assert.Equal(ExitCodes.Usage, result.Code);
        string line = CliAssert.OneErrorLine(result);
        Assert.Contains(option, line);
        Assert.Equal("", result.Out);
    }

    // Other option values

    [Theory]
    [InlineData("check", "-", "--threshold", "x")]
    [InlineData("check", "-", "--threshold", "-1")]
    [InlineData("check", "-", "--threshold", "NaN")]
    [InlineData("check", "-", "--top", "0")]
    [InlineData("check", "-", "--top", "2.5")]
    [InlineData("check", "-", "--bogus")]
    [InlineData("check")]
    [InlineData("frobnicate")]
    public async Task A_bad_option_is_a_one_line_usage_error(params string[] args)
    {
        Assert.NotNull(CliRunner.ParseError(args));

        var result = await CliRunner.RunAsync(args);

        Assert.Equal(ExitCodes.Usage, result.Code);
        Assert.EndsWith("(see 'rxlog --help')", CliAssert.OneErrorLine(result));
        Assert.Equal("", result.Out);
    }

    // Program.cs writes parse.Errors[0].Message as is; for AcceptOnlyFromAmong options System.CommandLine's message is
    // "Argument 'sideways' not recognized. Must be one of:\n\t'wall'\n\t'log'", so stderr gets three lines with tabs.
    [Theory]
    [InlineData("--clock", "sideways")]
    [InlineData("check", "-", "--format", "xml")]
    [InlineData("generate", "--output-format", "xml")]
    [InlineData("generate", "--profile", "spiky")]
    public async Task A_value_outside_a_fixed_list_is_a_one_line_usage_error(params string[] args)
    {
        Assert.NotNull(CliRunner.ParseError(args));

        var result = await CliRunner.RunAsync(args);

        Assert.Equal(ExitCodes.Usage, result.Code);
        Assert.EndsWith("(see 'rxlog --help')", CliAssert.OneErrorLine(result));
        Assert.Equal("", result.Out);
    }

    [Fact]
    public async Task A_value_outside_a_fixed_list_is_a_usage_error_without_a_stack_trace()
    {
        var result = await CliRunner.RunAsync("--clock", "sideways");

        Assert.Equal(ExitCodes.Usage, result.Code);
        Assert.StartsWith("rxlog: ", result.Err);
        Assert.Contains("sideways", result.Err);
        Assert.DoesNotContain("   at ", result.Err);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public async Task An_unknown_time_zone_is_a_one_line_usage_error()
    {
        string log = WriteLog("calm.log", CliLogs.Steady(seconds: 5, perSecond: 1));

        var result = await CliRunner.RunAsync("check", log, "--tz", "Not/AZone");

        Assert.Equal(ExitCodes.Usage, result.Code);
        Assert.Contains("--tz", CliAssert.OneErrorLine(result));
        Assert.Equal("", result.Out);
    }

    // CliOptions.DurationOption accepts up to int.MaxValue seconds, and HitRateWindow's constructor (HitRateWindow.cs
    // line 15) allocates new long[seconds]: 2147483647 throws OutOfMemoryException out of the action, which
    // System.CommandLine prints as "Unhandled exception: …" with a stack trace, exit 1. (100000000 allocates 800 MB.)
    [Fact]
    public async Task A_huge_window_is_refused_or_honoured_without_a_stack_trace()
    {
        string log = WriteLog("calm.log", CliLogs.Steady(seconds: 5, perSecond: 1));

        var result = await CliRunner.RunAsync("check", log, "--window", "2147483647");

        Assert.Contains(result.Code, new[] { ExitCodes.Ok, ExitCodes.Usage });
        if (result.Code == ExitCodes.Usage)
        {
            Assert.Contains("--window", CliAssert.OneErrorLine(result));
        }
        else
        {
            Assert.Equal("", result.Problems);
        }
    }

    // CONTRACT.md "Commands and flags" and "Invalid line": invalid lines are "written verbatim to --rejects FILE on
    // request"; CliOptions has no such option, so the parse fails with "Unrecognized command or argument '--rejects'".
    [Fact]
    public async Task Rejects_receives_the_invalid_lines_verbatim_after_their_source_and_line_number()
    {
        byte[] junk = Encoding.UTF8.GetBytes("junk \u001b[2J\n");
        string log = WriteLog("mixed.log", [.. Encoding.UTF8.GetBytes(CliLogs.Steady(seconds: 2, perSecond: 1)), .. junk]);
        string rejects = _dir.File("rejects.log");

        var result = await CliRunner.RunAsync("check", log, "--rejects", rejects);

        Assert.Equal((ExitCodes.Ok, ""), (result.Code, result.Problems));
        Assert.Equal($"  1 invalid line(s) written to {rejects}", result.OutLines[^1]);   // the summary says where they went
        Assert.Equal([.. Encoding.UTF8.GetBytes($"{log}:3:"), .. junk], File.ReadAllBytes(rejects));
        var json = await CliRunner.RunAsync("check", log, "--rejects", rejects, "--json");
        Assert.Equal($"{{\"path\":{JsonSerializer.Serialize(rejects)},\"count\":1}}", json.Summary.GetProperty("rejects").GetRawText());
    }

    // check: inputs

    [Fact]
    public async Task Check_of_a_missing_file_is_a_one_line_error()
    {
        var result = await CliRunner.RunAsync("check", _dir.File("nope.log"));

        Assert.Equal(ExitCodes.Usage, result.Code);
        Assert.Contains("nope.log", CliAssert.OneErrorLine(result));
        Assert.Equal("", result.Out);
    }

    [Fact]
    public async Task Check_of_a_directory_is_a_one_line_error()
    {
        var result = await CliRunner.RunAsync("check", _dir.Path);

        Assert.Equal(ExitCodes.Usage, result.Code);
        CliAssert.OneErrorLine(result);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public async Task Check_of_only_invalid_lines_names_the_format_and_quotes_the_first_line_sanitised()
    {
        string log = WriteLog("junk.log", "\u001b]0;owned\u0007 hello \u001b[2J\nsecond junk line\n");

        var result = await CliRunner.RunAsync("check", log);

        Assert.Equal(ExitCodes.Usage, result.Code);
        string line = CliAssert.OneErrorLine(result);    // also: no char < 0x20
        Assert.Contains("Common/Combined Log Format", line);
        Assert.Contains(@"\x1b]0;owned\x07 hello \x1b[2J", line);
        Assert.DoesNotContain("second junk line", line);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n   \n\t\n")]
    [InlineData("\r\n \r\n")]
    public async Task Check_of_an_input_without_lines_succeeds_with_zero_hits(string text)
    {
        string log = WriteLog("empty.log", text);

        var json = await CliRunner.RunAsync("check", log, "--json");
        var plain = await CliRunner.RunAsync("check", log);

        Assert.Equal((0, ""), (json.Code, json.Problems));
        var summary = Assert.Single(json.OutLines);
        using var document = JsonDocument.Parse(summary);
        var root = document.RootElement;
        Assert.Equal("summary", root.GetProperty("type").GetString());
        Assert.Equal(0, root.GetProperty("hits").GetInt64());
        Assert.Equal(0, root.GetProperty("invalid").GetInt64());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("start").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("end").ValueKind);
        Assert.Equal((0, ""), (plain.Code, plain.Problems));
        Assert.Contains("hits 0", plain.Out);
    }

    [Fact]
    public async Task Check_of_an_alerting_log_exits_1()
    {
        string log = WriteLog("busy.log", CliLogs.Steady(seconds: 20, perSecond: 20));

        var result = await CliRunner.RunAsync("check", log, "--window", "10", "--threshold", "5");

        Assert.Equal((ExitCodes.AlertFired, ""), (result.Code, result.Problems));
        Assert.Contains("High traffic generated an alert - hits = ", result.Out);
    }

    [Fact]
    public async Task Check_of_a_named_pipe_opens_it_once_and_reads_all_its_writer_sends()
    {
        // `mkfifo p; zcat old.log.gz > p & rxlog check p`: a pipe opened, closed and opened again ends its writer.
        string pipe = _dir.File("pipe.log");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", pipe)) await mkfifo.WaitForExitAsync();
        byte[] log = Encoding.UTF8.GetBytes(CliLogs.Steady(seconds: 20, perSecond: 20));
        var writer = Task.Run(() =>
        {
            using var end = new FileStream(pipe, FileMode.Open, FileAccess.Write);
            end.Write(log);
        });

        // A guard, not a timing: before the fix the run blocked for ever in open(2), so it runs on a task of its own.
        var result = await Task.Run(() => CliRunner.RunAsync("check", pipe, "--window", "10", "--threshold", "5", "--json"))
            .WaitAsync(TimeSpan.FromMinutes(1));
        await writer.WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(ExitCodes.AlertFired, result.Code);
        Assert.Contains("\"type\":\"summary\"", result.Out);
        Assert.Contains("\"hits\":400,", result.Out.Split('\n').Single(l => l.Contains("\"type\":\"summary\"")));
    }

    [Fact]
    public async Task Check_of_a_named_pipe_with_no_writer_still_ends_on_ctrl_c()
    {
        // `rxlog check p` on a pipe nobody writes to waits in open(2); Ctrl+C (or SIGTERM) must end it, not wait for ever.
        string pipe = _dir.File("idle.pipe");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", pipe)) await mkfifo.WaitForExitAsync();
        using var interrupt = new CancellationTokenSource();
        interrupt.Cancel();

        // A guard, not a timing: without the fix the run waits in open(2) until a writer comes.
        var result = await Task.Run(() => CliRunner.RunAsync(["check", pipe, "--json"], cancel: interrupt.Token))
            .WaitAsync(TimeSpan.FromMinutes(1));
        using (new FileStream(pipe, FileMode.Open, FileAccess.Write)) { }   // lets the open still waiting return

        Assert.Equal(ExitCodes.Interrupted, result.Code);
        Assert.Equal("", result.Out);
        Assert.Contains("stopped while waiting to open it (opening a named pipe waits for a writer)", result.Err);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Check_on_two_threads_detects_the_format_first_and_still_reads_every_line(bool gzipped)
    {
        // With --format auto the first lines are read to fix the format before the file is split; the replay must
        // then start again from the first byte (a gzip file is read as a stream from the same handle).
        byte[] text = Encoding.UTF8.GetBytes(CliLogs.Steady(seconds: 20, perSecond: 20));
        string log = gzipped ? WriteLog("busy.log.gz", Gzip(text)) : WriteLog("busy.log", text);

        var one = await CliRunner.RunAsync("check", log, "--threshold", "5", "--json", "--threads", "1");
        var two = await CliRunner.RunAsync("check", log, "--threshold", "5", "--json", "--threads", "2");

        Assert.Contains("\"hits\":400,", one.OutLines.Single(l => l.Contains("\"type\":\"summary\"")));
        Assert.Equal((one.Code, one.Out, one.Err), (two.Code, two.Out, two.Err));
    }

    private static byte[] Gzip(byte[] bytes)
    {
        var packed = new MemoryStream();
        using (var zip = new System.IO.Compression.GZipStream(packed, System.IO.Compression.CompressionLevel.Fastest))
            zip.Write(bytes);
        return packed.ToArray();
    }

    [Fact]
    public async Task Check_of_a_calm_log_exits_0()
    {
        string log = WriteLog("calm.log", CliLogs.Steady(seconds: 20, perSecond: 1));

        var result = await CliRunner.RunAsync("check", log, "--window", "10", "--threshold", "5");

        Assert.Equal((ExitCodes.Ok, ""), (result.Code, result.Problems));
        Assert.DoesNotContain("High traffic", result.Out);
        Assert.Contains("hits 20", result.Out);
    }

    [Fact]
    public async Task Check_dash_reads_the_injected_stdin()
    {
        byte[] stdin = Encoding.UTF8.GetBytes(CliLogs.Steady(seconds: 7, perSecond: 3));

        var result = await CliRunner.RunAsync(["check", "-", "--json"], stdin);

        Assert.Equal((0, ""), (result.Code, result.Problems));
        Assert.Equal(21, result.Summary.GetProperty("hits").GetInt64());
    }

    [Fact]
    public async Task Check_json_writes_only_json_objects_and_ends_with_the_summary()
    {
        string log = WriteLog("busy.log", CliLogs.Steady(seconds: 40, perSecond: 20) + "not a log line\n");

        var result = await CliRunner.RunAsync("check", log, "--json", "--window", "10", "--threshold", "5");

        Assert.Equal((ExitCodes.AlertFired, ""), (result.Code, result.Problems));
        AllLinesAreJson(result);
        var types = result.OutLines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("type").GetString()).ToList();
        Assert.Equal("summary", types[^1]);
        Assert.Equal(1, types.Count(t => t == "summary"));
        Assert.Contains("alert", types);
        Assert.Contains("report", types);
        var summary = result.Summary;
        Assert.Equal(800, summary.GetProperty("hits").GetInt64());
        Assert.Equal(1, summary.GetProperty("invalid").GetInt64());
        Assert.Equal(1, summary.GetProperty("alerts").GetInt64());
        Assert.Equal("2026-01-01T00:00:00+00:00", summary.GetProperty("start").GetString());
        Assert.Equal("2026-01-01T00:00:40+00:00", summary.GetProperty("end").GetString());
    }

    // rxlog (stdin)

    [Fact]
    public async Task Stdin_mode_at_a_terminal_prints_a_hint_and_exits_2()
    {
        var result = await CliRunner.RunAsync([], stdin: null, stdinIsTerminal: true);

        Assert.Equal(ExitCodes.Usage, result.Code);
        Assert.Contains("rxlog check", CliAssert.OneErrorLine(result));
        Assert.Equal("", result.Out);
    }

    [Fact]
    public async Task Stdin_mode_with_the_log_clock_writes_what_check_dash_writes()
    {
        byte[] stdin = Encoding.UTF8.GetBytes(
            CliLogs.Steady(seconds: 30, perSecond: 20) + "junk\n" + CliLogs.Steady(seconds: 25, perSecond: 1));
        string[] monitoring = ["--json", "--window", "10", "--threshold", "5", "--interval", "5"];

        var check = await CliRunner.RunAsync(["check", "-", .. monitoring], stdin);
        var live = await CliRunner.RunAsync(["--clock", "log", .. monitoring], stdin);

        Assert.Equal(ExitCodes.AlertFired, check.Code);
        Assert.Equal(ExitCodes.Ok, live.Code);           // alerts set the exit code in check only
        Assert.Equal(check.Out, live.Out);
        Assert.Equal(check.Err, live.Err);
    }

    [Fact]
    public async Task Stdin_mode_with_the_wall_clock_counts_every_hit()
    {
        byte[] stdin = Encoding.UTF8.GetBytes(CliLogs.Steady(seconds: 3, perSecond: 4) + "junk\n");

        var result = await CliRunner.RunAsync(["--json"], stdin);

        Assert.Equal((0, ""), (result.Code, result.Problems));
        AllLinesAreJson(result);
        Assert.Equal("summary", result.Summary.GetProperty("type").GetString());
        Assert.Equal(12, result.Summary.GetProperty("hits").GetInt64());
        Assert.Equal(1, result.Summary.GetProperty("invalid").GetInt64());
    }

    [Fact]
    public async Task Stdin_mode_with_only_invalid_lines_exits_2()
    {
        byte[] stdin = Encoding.UTF8.GetBytes("junk\n");

        var result = await CliRunner.RunAsync(["--clock", "log"], stdin);

        Assert.Equal(ExitCodes.Usage, result.Code);
        Assert.Contains("Common/Combined Log Format", CliAssert.OneErrorLine(result));
    }

    // generate

    [Fact]
    public async Task Generate_gives_the_same_bytes_for_the_same_arguments()
    {
        string first = _dir.File("a.log"), second = _dir.File("b.log");

        var a = await CliRunner.RunAsync("generate", "--lines", "500", "--seed", "7", "--profile", "burst", "-o", first);
        var b = await CliRunner.RunAsync("generate", "--lines", "500", "--seed", "7", "--profile", "burst", "-o", second);

        Assert.Equal((0, 0), (a.Code, b.Code));
        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));
        Assert.NotEmpty(File.ReadAllBytes(first));
    }

    [Fact]
    public async Task Generate_with_another_seed_gives_other_bytes()
    {
        string first = _dir.File("a.log"), second = _dir.File("b.log");

        await CliRunner.RunAsync("generate", "--lines", "50", "--seed", "1", "-o", first);
        await CliRunner.RunAsync("generate", "--lines", "50", "--seed", "2", "-o", second);

        Assert.NotEqual(File.ReadAllBytes(first), File.ReadAllBytes(second));
    }

    [Fact]
    public async Task Generate_lines_5_writes_five_lines_that_check_counts_as_hits()
    {
        string path = _dir.File("five.log");

        var result = await CliRunner.RunAsync("generate", "--lines", "5", "-o", path);
        var check = await CliRunner.RunAsync("check", path, "--json");

        Assert.Equal((0, "", ""), (result.Code, result.Out, result.Err));
        string text = File.ReadAllText(path);
        Assert.EndsWith("\n", text);
        Assert.Equal(5, text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(0, check.Code);
        Assert.Equal(5, check.Summary.GetProperty("hits").GetInt64());
        Assert.Equal(0, check.Summary.GetProperty("invalid").GetInt64());
    }

    [Theory]
    [InlineData("--rate", "0")]
    [InlineData("--rate", "-5")]
    [InlineData("--lines", "x")]
    [InlineData("--duration", "0")]
    [InlineData("--start", "yesterday")]
    public async Task Generate_rejects_bad_values_with_one_line(string option, string value)
    {
        string path = _dir.File("never.log");

        var result = await CliRunner.RunAsync("generate", option, value, "-o", path);

        Assert.Equal(ExitCodes.Usage, result.Code);
        CliAssert.OneErrorLine(result);
        Assert.False(File.Exists(path) && new FileInfo(path).Length > 0);
    }
}

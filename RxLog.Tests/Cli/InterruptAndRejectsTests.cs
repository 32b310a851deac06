using System.CommandLine;
using System.IO.Compression;
using System.Text;
using RxLog.Cli;
using RxLog.Tests.Support;

namespace RxLog.Tests.Cli;

/// <summary>Ctrl+C during <c>check</c>, a <c>--rejects</c> file that is the input or cannot be written, and damaged gzip:
/// each ends with the contract's exit code and one <c>rxlog: </c> line, never a hang or a stack trace.</summary>
public sealed class InterruptAndRejectsTests : IDisposable
{
    private const string Line = "1.2.3.4 - - [01/Jan/2026:10:00:00 +0000] \"GET /a/b HTTP/1.1\" 200 10\n";
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Check_of_stdin_blocked_between_lines_ends_with_the_summary_when_interrupted()
    {
        var stdin = new SourcePipeStream();
        stdin.Write(Line + Line);
        var io = new ConsoleIo(() => stdin, StdinIsTerminal: false, StdoutIsTerminal: false);
        var output = new StringWriter();
        using var interrupt = new CancellationTokenSource();

        var run = RxLogCommand.Build(io).Parse(new[] { "check", "-", "--json" })
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = new StringWriter() }, interrupt.Token);
        await stdin.ReadBlocked.Task.WaitAsync(TimeSpan.FromSeconds(30));
        interrupt.Cancel();
        int code = await run.WaitAsync(TimeSpan.FromSeconds(30));   // a generous bound against a hang, not a timing claim

        Assert.Equal(ExitCodes.Ok, code);
        Assert.StartsWith("{\"type\":\"summary\"", output.ToString().Trim().Split('\n')[^1]);
        Assert.Contains("\"hits\":2,", output.ToString());
    }

    [Fact]
    public async Task Rejects_naming_the_input_is_refused_and_the_input_left_intact()
    {
        string log = _dir.File("access.log");
        File.WriteAllText(log, Line + "junk\n");

        var result = await CliRunner.RunAsync("check", log, "--rejects", log);

        Assert.Equal(ExitCodes.Usage, result.Code);
        Assert.Contains("is an input", CliAssert.OneErrorLine(result));
        Assert.Equal(Line + "junk\n", File.ReadAllText(log));
    }

    [Theory]
    [InlineData("")]
    [InlineData("/nonexistent-dir/rejects.log")]
    public async Task A_rejects_file_that_cannot_be_created_is_a_one_line_usage_error(string path)
    {
        string log = _dir.File("access.log");
        File.WriteAllText(log, Line);

        var result = await CliRunner.RunAsync("check", log, "--rejects", path);

        Assert.Equal(ExitCodes.Usage, result.Code);
        Assert.StartsWith("rxlog: --rejects: ", CliAssert.OneErrorLine(result));
    }

    [Fact]
    public async Task A_rejects_file_on_a_full_disk_is_a_one_line_error_and_no_summary_claims_the_lines()
    {
        if (!File.Exists("/dev/full")) return;   // Linux only
        string log = _dir.File("access.log");
        File.WriteAllText(log, Line + string.Concat(Enumerable.Repeat("junk\n", 7)));

        var result = await CliRunner.RunAsync("check", log, "--rejects", "/dev/full");

        Assert.Equal(ExitCodes.Usage, result.Code);
        Assert.StartsWith("rxlog: --rejects: cannot write /dev/full", CliAssert.OneErrorLine(result));
        Assert.DoesNotContain("written to", result.Out);
    }

    [Fact]
    public async Task A_truncated_gzip_log_is_an_unreadable_input_not_a_short_success()
    {
        string whole = _dir.File("access.log.gz");
        using (var gz = new GZipStream(File.Create(whole), CompressionLevel.Optimal))
            gz.Write(Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, 2000).Select(i =>
                $"10.0.0.{i % 250} - - [01/Jan/2026:10:{i / 60 % 60:00}:{i % 60:00} +0000] \"GET /p{i} HTTP/1.1\" 200 {i}\n"))));
        string cut = _dir.File("cut.log.gz");
        File.WriteAllBytes(cut, File.ReadAllBytes(whole)[..(int)(new FileInfo(whole).Length / 2)]);

        var intact = await CliRunner.RunAsync("check", whole, "--json");
        var damaged = await CliRunner.RunAsync("check", cut, "--json");

        Assert.Equal((ExitCodes.Ok, ""), (intact.Code, intact.Problems));
        Assert.Equal(ExitCodes.Usage, damaged.Code);
        Assert.Contains("truncated gzip", CliAssert.OneErrorLine(damaged));
    }

    [Fact]
    public async Task Two_gzip_members_in_one_file_are_read_whole()
    {
        byte[] Member(string text)
        {
            var buffer = new MemoryStream();
            using (var gz = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true)) gz.Write(Encoding.ASCII.GetBytes(text));
            return buffer.ToArray();
        }
        string log = _dir.File("two.gz");
        File.WriteAllBytes(log, [.. Member(Line + Line), .. Member(Line)]);

        var result = await CliRunner.RunAsync("check", log, "--json");

        Assert.Equal((ExitCodes.Ok, ""), (result.Code, result.Problems));
        Assert.Contains("\"hits\":3,", result.Out.Trim().Split('\n')[^1]);
    }
}

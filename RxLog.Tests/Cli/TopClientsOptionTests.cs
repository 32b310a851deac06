using RxLog.Tests.Support;

namespace RxLog.Tests.Cli;

/// <summary><c>--top-clients N</c>: how many clients each report lists (CONTRACT.md: "frequent IP addresses").</summary>
public class TopClientsOptionTests
{
    private static readonly string Log = RepoPaths.Repo("examples/normal.log");

    [Fact]
    public async Task By_default_each_report_lists_five_clients_with_their_bytes()
    {
        var result = await CliRunner.RunAsync("check", Log);

        string first = result.OutLines.First(l => l.StartsWith("  clients ", StringComparison.Ordinal));
        Assert.Equal(
            "  clients 189.202.29.6 8 (69.0 KiB) · 54.241.160.217 3 (179.5 KiB) · crawl-66-249-66-1.googlebot.com 2 (6.3 KiB) · 106.62.86.35 1 (73.7 KiB) · 106.7.214.208 1 (0 B)",
            first);
    }

    [Fact]
    public async Task Zero_hides_the_clients_line_and_field()
    {
        var plain = await CliRunner.RunAsync("check", Log, "--top-clients", "0");
        var json = await CliRunner.RunAsync("check", Log, "--top-clients", "0", "--json");

        Assert.DoesNotContain(plain.OutLines, l => l.StartsWith("  clients", StringComparison.Ordinal));
        Assert.DoesNotContain(json.OutLines, l => l.Contains("\"clients\"", StringComparison.Ordinal));
        Assert.Equal(0, plain.Code);
    }

    [Fact]
    public async Task A_format_without_clients_has_no_clients_line()
    {
        var result = await CliRunner.RunAsync("check", Log, "--regex",
            @"\[(?<time>[^]]+)\] ""(?<request>[^""]*)"" (?<status>\d{3}) (?<bytes>[-0-9]+)");

        Assert.Contains(result.OutLines, l => l.StartsWith("  top ", StringComparison.Ordinal));
        Assert.DoesNotContain(result.OutLines, l => l.StartsWith("  clients", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_negative_count_is_a_usage_error()
    {
        var result = await CliRunner.RunAsync("check", Log, "--top-clients", "-1");

        Assert.Equal(2, result.Code);
    }
}

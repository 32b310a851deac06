using System.Text;
using RxLog.Parsing;

namespace RxLog.Tests.Parsing;

/// <summary>A live source that sends no record at all is said once, after 50 lines, with its first line: rsyslog set
/// to a file template (no syslog header) shows at once, not only as a count of invalid lines.</summary>
public class DetectingParserUndetectedTests
{
    [Fact]
    public void After_fifty_lines_that_no_format_reads_it_says_so_once_with_the_first()
    {
        var said = new List<string>();
        var parser = new DetectingParser(LogFormats.AutoCandidates, undetected: said.Add);

        for (int i = 0; i < 120; i++)
            parser.TryParse(Encoding.UTF8.GetBytes($"2026-12-06T06:11:24.123+00:00 web3 nginx: garbage {i}"), out _);

        Assert.Equal(["2026-12-06T06:11:24.123+00:00 web3 nginx: garbage 0"], said);
    }

    [Fact]
    public void A_source_whose_records_come_after_a_few_bad_lines_is_never_said()
    {
        var said = new List<string>();
        var parser = new DetectingParser(LogFormats.AutoCandidates, undetected: said.Add);

        for (int i = 0; i < 49; i++) parser.TryParse("garbage"u8, out _);
        Assert.True(parser.TryParse("10.0.0.1 - - [06/Dec/2026:06:00:00 +0000] \"GET /a HTTP/1.1\" 200 5"u8, out _));
        for (int i = 0; i < 100; i++) parser.TryParse("garbage"u8, out _);

        Assert.Empty(said);
    }
}

using System.Reactive.Linq;
using RxLog.Parsing;
using RxLog.Sources;

namespace RxLog.Tests.Parsing;

public class RealLogTests
{
    [Theory]
    [InlineData("elastic_apache_logs/apache_logs.gz", 10_000, 0)]
    [InlineData("nasa_ksc_aug95_head/NASA_access_log_Aug95_head", 1_841, 89)]
    [InlineData("monitorware_apache_2004/access_log", 1_535, 0)]
    [InlineData("nginx_elastic_head/nginx_logs_head999", 1_000, 0)]
    [InlineData("lnav_test_logs/logfile_shop_access_log.0", 1_000, 0)]
    public void A_real_log_gives_the_known_numbers_of_records_and_invalid_lines(string file, int records, int invalid)
    {
        IList<ParsedLine> lines = Chunks(SharedData.ReadAllBytes(file)).ToObservable()
            .ToParsedLines(new CommonLogParser())
            .ToList()
            .Wait();

        var actual = (lines.Count(l => l.Kind == LineKind.Record), lines.Count(l => l.Kind == LineKind.Invalid));
        Assert.Equal((records, invalid), actual);
    }

    [Fact]
    public void Sections_of_the_zanbil_log_keep_percent_encoding_and_its_offset()
    {
        byte[] log = SharedData.ReadAllBytes("lnav_test_logs/logfile_shop_access_log.0");
        var parser = new CommonLogParser();
        int firstLine = log.AsSpan().IndexOf((byte)'\n');

        parser.TryParse(log.AsSpan(0, firstLine), out LogRecord first);

        Assert.Equal(("/filter", (short)210), (first.Section, first.OffsetMinutes));
    }

    // Cuts the file into chunks of whole lines, a little over 4 KiB each, numbered as a source would.
    private static IEnumerable<LineChunk> Chunks(byte[] file)
    {
        int start = 0;
        long lineNumber = 1;
        while (start < file.Length)
        {
            int next = Math.Min(start + 4096, file.Length);
            int newline = file.AsSpan(next).IndexOf((byte)'\n');
            int end = newline < 0 ? file.Length : next + newline + 1;
            byte[] lines = file[start..end];
            if (lines[^1] != (byte)'\n')
            {
                lines = [.. lines, (byte)'\n'];     // LineChunk: a source appends the missing last newline
            }

            yield return new LineChunk("test", lines, lines.Length, lineNumber);
            lineNumber += lines.AsSpan().Count((byte)'\n');
            start = end;
        }
    }
}

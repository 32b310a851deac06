using RxLog.Parsing;

namespace RxLog.Tests.Parsing;

public class ParserAllocationTests
{
    [Fact]
    public void Parsing_ten_thousand_already_seen_lines_allocates_nothing()
    {
        byte[] log = SharedData.ReadAllBytes("elastic_apache_logs/apache_logs.gz");
        Range[] lines = new Range[10_000];
        int count = 0;
        for (int start = 0, end; start < log.Length; start = end + 1)
        {
            end = Array.IndexOf(log, (byte)'\n', start);
            lines[count++] = start..end;
        }

        var parser = new CommonLogParser();
        int Parse()
        {
            int records = 0;
            foreach (Range line in lines)
            {
                records += parser.TryParse(log.AsSpan(line), out _) ? 1 : 0;
            }

            return records;
        }

        Parse();    // first sight: sections are interned here
        Parse();
        long before = GC.GetAllocatedBytesForCurrentThread();
        int parsed = Parse();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal((10_000, 0L), (parsed, allocated));
    }
}

using RxLog.Parsing;

namespace RxLog.Tests.Parsing;

public class ParserAllocationTests
{
    [Fact]
    public void Parsing_ten_thousand_already_seen_lines_allocates_nothing()
    {
        var lines = ParserAllocation.Lines(SharedData.ReadAllBytes("elastic_apache_logs/apache_logs.gz"));

        Assert.Equal((10_000, 0L), ParserAllocation.OfThirdPass(new CommonLogParser(), lines));
    }
}

using RxLog.Parsing;

namespace RxLog.Tests.Parsing;

/// <summary>Issue 4 "Every parser is span-based": JSON lines are read from their bytes; once sections are interned,
/// a line allocates nothing (only escaped strings in the fields used would force a copy).</summary>
public class JsonLineAllocationTests
{
    [Fact]
    public void Parsing_already_seen_nginx_json_lines_allocates_nothing()
    {
        var lines = ParserAllocation.Lines(SharedData.ReadAllBytes("nginx_json_elastic_head/nginx_json_logs_head135.jsonl"))
            .Where(line => !line.IsEmpty).ToArray();

        Assert.Equal((135, 0L), ParserAllocation.OfThirdPass(new JsonLineParser(), lines));
    }
}

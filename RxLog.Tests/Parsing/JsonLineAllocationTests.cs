using System.Text;
using RxLog.Parsing;

namespace RxLog.Tests.Parsing;

/// <summary>Issue 4 "Every parser is span-based": JSON lines are read from their bytes; once sections are interned,
/// a line allocates nothing (only escaped strings in the fields used would force a copy).</summary>
public class JsonLineAllocationTests
{
    [Fact]
    public void Parsing_already_seen_nginx_json_lines_allocates_nothing()
    {
        var parser = new JsonLineParser();
        byte[][] lines = [.. Encoding.UTF8.GetString(SharedData.ReadAllBytes("nginx_json_elastic_head/nginx_json_logs_head135.jsonl"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Encoding.UTF8.GetBytes)];
        int Parse()
        {
            int records = 0;
            foreach (byte[] line in lines) records += parser.TryParse(line, out _) ? 1 : 0;
            return records;
        }

        Parse();    // first sight: sections are interned here
        long before = GC.GetAllocatedBytesForCurrentThread();
        int parsed = Parse();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal((135, 0L), (parsed, allocated));
    }
}

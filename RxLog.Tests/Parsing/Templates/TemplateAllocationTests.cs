using System.Text;
using RxLog.Parsing;
using RxLog.Parsing.Templates;

namespace RxLog.Tests.Parsing.Templates;

public class TemplateAllocationTests
{
    [Fact]
    public void Parsing_already_seen_lines_with_a_compiled_nginx_template_allocates_nothing()
    {
        var parser = LogFormatTemplate.Compile(
            "$remote_addr - $remote_user [$time_local] \"$request\" $status $body_bytes_sent \"$http_referer\" \"$http_user_agent\" $request_time");
        byte[][] lines = [.. TemplateRealLogTests.Lines(SharedData.ReadAllBytes("nginx_elastic_head/nginx_logs_head999"))
            .Select((line, i) => (byte[])[.. line, .. Encoding.UTF8.GetBytes($" {i % 7}.{i % 1000:D3}")])];

        Assert.Equal((lines.Length, 0L), ParserAllocation.OfThirdPass(parser, [.. lines.Select(l => (ReadOnlyMemory<byte>)l)]));
    }
}

using System.Globalization;
using System.Text;
using RxLog.Parsing;
using RxLog.Parsing.Templates;

namespace RxLog.Tests.Parsing.Templates;

public class TemplateRealLogTests
{
    private const string NginxCombined =
        "$remote_addr - $remote_user [$time_local] \"$request\" $status $body_bytes_sent \"$http_referer\" \"$http_user_agent\"";

    private const string ApacheCombined = "%h %l %u %t \\\"%r\\\" %>s %b \\\"%{Referer}i\\\" \\\"%{User-agent}i\\\"";

    [Theory]
    [InlineData(NginxCombined, "nginx_elastic_head/nginx_logs_head999")]
    [InlineData(NginxCombined, "elastic_apache_logs/apache_logs.gz")]
    [InlineData(ApacheCombined, "nginx_elastic_head/nginx_logs_head999")]
    [InlineData(ApacheCombined, "elastic_apache_logs/apache_logs.gz")]
    public void The_combined_format_gives_the_records_of_the_clf_parser_on_every_line(string format, string file)
    {
        var template = LogFormatTemplate.Compile(format);
        var clf = new CommonLogParser();
        var differences = new List<string>();
        int lines = 0;
        foreach (byte[] line in Lines(SharedData.ReadAllBytes(file)))
        {
            lines++;
            LogRecord? expected = clf.TryParse(line, out LogRecord e) ? e : null;
            LogRecord? actual = template.TryParse(line, out LogRecord a) ? a : null;
            if (expected is null || expected != actual)
            {
                differences.Add($"{expected} != {actual}: {Encoding.UTF8.GetString(line)}");
            }
        }

        Assert.True(lines >= 1_000);
        Assert.Equal("", string.Join("\n", differences.Take(5)));
    }

    [Fact]
    public void A_vhost_first_format_with_microseconds_gives_the_clf_record_and_the_response_time()
    {
        var template = LogFormatTemplate.Compile(
            "%v %h %l %u %t \\\"%r\\\" %>s %b \\\"%{Referer}i\\\" \\\"%{User-agent}i\\\" %D");
        var clf = new CommonLogParser();
        var differences = new List<string>();
        byte[][] lines = [.. Lines(SharedData.ReadAllBytes("lnav_test_logs/logfile_regexp_access_log.0"))];
        foreach (byte[] line in lines)
        {
            string text = Encoding.UTF8.GetString(line);
            byte[] withoutVhost = Encoding.UTF8.GetBytes(text[(text.IndexOf(' ') + 1)..]);
            long micros = long.Parse(text[(text.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
            LogRecord? expected = clf.TryParse(withoutVhost, out LogRecord e) ? e with { DurationMicros = micros } : null;
            LogRecord? actual = template.TryParse(line, out LogRecord a) ? a : null;
            if (expected is null || expected != actual)
            {
                differences.Add($"{expected} != {actual}: {text}");
            }
        }

        Assert.NotEmpty(lines);
        Assert.Equal("", string.Join("\n", differences.Take(5)));
    }

    internal static IEnumerable<byte[]> Lines(byte[] file)
    {
        for (int start = 0; start < file.Length;)
        {
            int newline = Array.IndexOf(file, (byte)'\n', start);
            int end = newline < 0 ? file.Length : newline;
            if (end > start)
            {
                yield return file[start..end];
            }

            start = end + 1;
        }
    }
}

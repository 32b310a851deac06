using System.Text;
using System.Text.Json;
using RxLog.Aggregation;
using RxLog.Pipeline;
using RxLog.Rendering;
using static RxLog.Tests.Rendering.Events;

namespace RxLog.Tests.Rendering;

public class JsonLinesViewTests
{
    private readonly StringWriter _out = new();
    private readonly StringWriter _err = new();

    private string[] Lines(params MonitorEvent[] events)
    {
        var view = new JsonLinesView(_out, _err);
        foreach (var e in events)
        {
            view.OnEvent(e);
        }

        string text = _out.ToString();
        Assert.EndsWith("\n", text);
        return text.Split('\n')[..^1];
    }

    private static List<string> Names(JsonElement obj) => obj.EnumerateObject().Select(p => p.Name).ToList();

    [Fact]
    public void Report_has_the_contract_fields_in_order()
    {
        string line = Lines(Report())[0];
        Assert.Equal(
            """{"type":"report","start":"2026-01-01T10:00:00+00:00","end":"2026-01-01T10:00:10+00:00","hits":1234,"sections":[{"section":"/api","hits":800},{"section":"/pages","hits":300},{"section":"/robots.txt","hits":12}],"status":{"2xx":1200,"3xx":10,"4xx":20,"5xx":4,"other":0},"bytes":1258291,"invalid":2,"avg":12.525,"alerting":true,"window_hits":1503,"approximate":false}""",
            line);
        using var doc = JsonDocument.Parse(line);
        Assert.Equal(["type", "start", "end", "hits", "sections", "status", "bytes", "invalid", "avg", "alerting", "window_hits", "approximate"],
            Names(doc.RootElement));
        Assert.Equal(["2xx", "3xx", "4xx", "5xx", "other"], Names(doc.RootElement.GetProperty("status")));
    }

    [Fact]
    public void Clients_follow_the_report_fields_with_hits_and_bytes_and_count_in_approximate()
    {
        string line = Lines(Report(clients: [new ClientCount("203.0.113.9", 700, 1_048_576), new ClientCount("a\u001b\"b", 1, 0)],
            clientsApproximate: true))[0];

        Assert.EndsWith(
            ""","window_hits":1503,"approximate":true,"clients":[{"client":"203.0.113.9","hits":700,"bytes":1048576},{"client":"a\u001B\u0022b","hits":1,"bytes":0}]}""",
            line);
    }

    [Fact]
    public void Alert_and_recovery_have_the_contract_fields()
    {
        string[] lines = Lines(Alert(), Recovery());
        Assert.Equal(
        [
            """{"type":"alert","time":"2026-01-01T10:03:41+00:00","avg":12.525,"hits":1503,"threshold":10,"window":120,"rule":"high_traffic","kind":"rate","value":12.525,"labels":{}}""",
            """{"type":"recovered","time":"2026-01-01T10:07:21+00:00","avg":9.983333333333333,"hits":1198,"threshold":10,"window":120,"duration":220,"rule":"high_traffic","kind":"rate","value":9.983333333333333,"labels":{}}""",
        ], lines);
    }

    [Fact]
    public void Averages_round_trip_exactly()
    {
        double avg = 121 / 120.0;
        string line = Lines(new RxLog.Alerting.AlertRaised(T0, 121, avg, 1, 120))[0];
        Assert.Contains("\"avg\":1.0083333333333333,", line);
        using var doc = JsonDocument.Parse(line);
        Assert.Equal(avg, doc.RootElement.GetProperty("avg").GetDouble());
        Assert.Contains("\"threshold\":1,", line);
    }

    [Fact]
    public void Summary_with_records()
    {
        Assert.Equal(
            ["""{"type":"summary","start":"2026-01-01T10:00:00+00:00","end":"2026-01-01T10:15:00+00:00","hits":12345,"invalid":3,"alerts":1,"alerting":false}"""],
            Lines(Summary()));
    }

    [Fact]
    public void Summary_without_records_has_null_times()
    {
        Assert.Equal(["""{"type":"summary","start":null,"end":null,"hits":0,"invalid":0,"alerts":0,"alerting":false}"""],
            Lines(EmptySummary()));
    }

    [Fact]
    public void Hostile_sections_decode_to_the_same_text_and_stay_ascii()
    {
        string[] sections = HostileSections.Select(s => s.Section).Append("/فارسی\U0001F600<&>'+`").ToArray();
        var report = Report(sections: sections.Select((s, i) => new SectionCount(s, 100 - i)).ToArray());
        string[] lines = Lines(report);
        Assert.Single(lines);
        Assert.All(lines[0], c => Assert.InRange(c, ' ', '~'));
        using var doc = JsonDocument.Parse(lines[0]);
        Assert.Equal(sections, doc.RootElement.GetProperty("sections").EnumerateArray().Select(e => e.GetProperty("section").GetString()));
    }

    [Fact]
    public void A_lone_surrogate_becomes_the_replacement_character()
    {
        var report = Report(sections: [new SectionCount("/a" + '\ud800', 1)]);
        using var doc = JsonDocument.Parse(Lines(report)[0]);
        Assert.Equal("/a\uFFFD", doc.RootElement.GetProperty("sections")[0].GetProperty("section").GetString());
    }

    [Fact]
    public void Times_follow_the_display_zone()
    {
        Assert.True(DisplayZone.TryParse("-0800", out DisplayZone zone, out _));
        new JsonLinesView(_out, _err, zone).OnEvent(Alert());
        Assert.Contains("\"time\":\"2026-01-01T02:03:41-08:00\"", _out.ToString());
    }

    [Fact]
    public void A_stream_gets_the_same_utf8_lines_without_bom()
    {
        using var stream = new MemoryStream();
        var view = new JsonLinesView(stream, _err);
        view.OnEvent(Report(sections: HostileSections));
        view.OnEvent(Alert());
        view.OnEvent(Summary());
        new JsonLinesView(_out, _err).OnEvent(Report(sections: HostileSections));
        string text = Encoding.UTF8.GetString(stream.ToArray());
        Assert.StartsWith("{\"type\":\"report\"", text);
        string[] lines = text.Split('\n');
        Assert.Equal(4, lines.Length);
        Assert.Equal("", lines[3]);
        Assert.Equal(_out.ToString(), lines[0] + "\n");
    }

    [Fact]
    public void Each_line_reaches_a_stream_in_one_write_with_its_newline()
    {
        // A reader of the pipe (jq, a log shipper) must never get half a line; one write(2) per line also keeps
        // `check --json` to one system call per event.
        var stream = new WriteRecordingStream();
        var view = new JsonLinesView(stream, _err);
        view.OnEvent(Report(sections: HostileSections));
        view.OnEvent(Alert());
        view.OnEvent(Recovery());
        view.OnEvent(Summary());

        Assert.Equal(4, stream.Writes.Count);
        foreach (string write in stream.Writes)
        {
            Assert.EndsWith("\n", write);
            Assert.Single(write.Split('\n')[..^1]);
            using var _ = JsonDocument.Parse(write);
        }
    }

    private sealed class WriteRecordingStream : Stream
    {
        public List<string> Writes { get; } = new();
        public override void Write(ReadOnlySpan<byte> buffer) => Writes.Add(Encoding.UTF8.GetString(buffer));
        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));
        public override void WriteByte(byte value) => Write([value]);
        public override void Flush() { }
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }

    [Fact]
    public void Notices_go_to_stderr_only()
    {
        var view = new JsonLinesView(_out, _err);
        view.OnNotice("format: combined\r\n");
        Assert.Equal("", _out.ToString());
        Assert.Equal("rxlog: format: combined\\x0d\\x0a" + Environment.NewLine, _err.ToString());
    }

    [Fact]
    public void Non_finite_numbers_become_null_instead_of_throwing()
    {
        string line = Lines(new RxLog.Alerting.AlertRaised(T0, 0, double.NaN, double.PositiveInfinity, 0))[0];
        Assert.Contains("\"avg\":null,", line);
        Assert.Contains("\"threshold\":null,", line);
    }

    [Fact]
    public void Every_line_parses_and_has_a_type()
    {
        foreach (string line in Lines(Report(), Alert(), Report(sections: HostileSections, approximate: true), Recovery(), Summary()))
        {
            using var doc = JsonDocument.Parse(line);
            Assert.Contains(doc.RootElement.GetProperty("type").GetString(), new[] { "report", "alert", "recovered", "summary" });
        }
    }
}

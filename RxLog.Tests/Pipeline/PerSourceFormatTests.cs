using System.Reactive.Concurrency;
using System.Reactive.Linq;
using System.Text;
using RxLog.Parsing;
using RxLog.Pipeline;
using RxLog.Rendering;
using RxLog.Sources;

namespace RxLog.Tests.Pipeline;

/// <summary>Issue 4 "Auto-detection … of each source": <c>watch a.log b.log</c> on files of different formats reads
/// both, each with the format detected from its own first lines.</summary>
public sealed class PerSourceFormatTests
{
    private sealed class Silent : IMonitorView
    {
        public List<string> Notices { get; } = new();
        public void OnEvent(MonitorEvent monitorEvent) { }
        public void OnNotice(string message) => Notices.Add(message);
    }

    private static LineChunk Chunk(string origin, long firstLine, params string[] lines)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(string.Concat(lines.Select(l => l + "\n")));
        return new LineChunk(origin, bytes, bytes.Length, firstLine);
    }

    [Fact]
    public async Task Interleaved_sources_of_different_formats_are_each_read_in_their_own()
    {
        var chunks = new[]
        {
            Chunk("a.log", 1, "1.2.3.4 - - [01/Jan/2026:10:00:00 +0000] \"GET /a/1 HTTP/1.1\" 200 5"),
            Chunk("iis.log", 1, "#Software: Microsoft Internet Information Services 10.0",
                "#Fields: date time cs-method cs-uri-stem sc-status sc-bytes time-taken", "2026-01-01 10:00:01 GET /b/1 200 7 12"),
            Chunk("a.log", 2, "1.2.3.4 - - [01/Jan/2026:10:00:02 +0000] \"GET /a/2 HTTP/1.1\" 404 5"),
            Chunk("iis.log", 4, "2026-01-01 10:00:03 GET /b/2 500 9 30"),
        }.ToObservable();
        var view = new Silent();
        var detected = new List<string>();

        var summary = await MonitorRun.LiveAsync(chunks,
            origin => LogFormats.Detecting(LogFormats.AutoCandidates, f => detected.Add($"{origin}: {f.Name}")).NewParser(),
            new MonitorSettings(Threshold: 10, WindowSeconds: 120, IntervalSeconds: 10, Top: 10), view,
            ImmediateScheduler.Instance, logClock: true, CancellationToken.None);

        Assert.Equal((4L, 0L), (summary.Hits, summary.Invalid));
        Assert.Equal(["a.log: common", "iis.log: w3c"], detected);
    }
}

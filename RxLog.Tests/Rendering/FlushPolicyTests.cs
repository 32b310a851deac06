using RxLog.Pipeline;
using RxLog.Rendering;
using static RxLog.Tests.Rendering.Events;

namespace RxLog.Tests.Rendering;

/// <summary>Live output shows each event as it happens; <c>check</c> into a file or a pipe lets the buffer decide
/// (one write(2) per report was a third of a quiet log's replay), and always flushes the summary.</summary>
public class FlushPolicyTests
{
    private sealed class CountingWriter : StringWriter
    {
        public int Flushes { get; private set; }
        public override void Flush() => Flushes++;
    }

    public static TheoryData<bool> Json => new() { true, false };

    [Theory]
    [MemberData(nameof(Json))]
    public void Each_event_is_flushed_by_default(bool json)
    {
        var output = new CountingWriter();
        var view = ViewFactory.Create(json, output, new StringWriter(), zone: null, threshold: 10);

        foreach (MonitorEvent e in new MonitorEvent[] { Report(), Alert(), Recovery() }) view.OnEvent(e);

        Assert.Equal(3, output.Flushes);
    }

    [Theory]
    [MemberData(nameof(Json))]
    public void Without_flushing_each_event_only_the_summary_is_flushed_and_nothing_is_lost(bool json)
    {
        var output = new CountingWriter();
        var view = ViewFactory.Create(json, output, new StringWriter(), zone: null, threshold: 10, flushEachEvent: false);

        foreach (MonitorEvent e in new MonitorEvent[] { Report(), Alert(), Recovery() }) view.OnEvent(e);
        Assert.Equal(0, output.Flushes);
        view.OnEvent(Summary());

        Assert.Equal(1, output.Flushes);
        Assert.Contains(json ? "\"type\":\"alert\"" : "High traffic generated an alert", output.ToString());
    }
}

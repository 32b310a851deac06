using RxLog.Parsing;
using RxLog.Pipeline;

namespace RxLog.Tests.Pipeline;

public class HotPathWarmUpTests
{
    [Fact]
    public void The_warm_up_lines_take_the_workers_record_and_run_path()
    {
        // If its lines stopped parsing (a format change), the warm-up would compile only the rejection path and the
        // first worker would pay for the rest again, silently.
        var entries = HotPathWarmUp.Run();

        Assert.Equal([LineKind.Record, LineKind.Hits], entries.Select(e => e.Kind));
        Assert.Equal(2, entries[1].Hits);
        Assert.Equal(2, entries[1].Tally!.Hits);
        Assert.Equal(["/api", "/pages"], entries[1].Tally!.TopSections(10).Select(s => s.Section).Order());
    }
}

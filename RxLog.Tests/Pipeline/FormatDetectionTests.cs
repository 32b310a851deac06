using RxLog.Parsing;
using RxLog.Pipeline;
using RxLog.Sources;

namespace RxLog.Tests.Pipeline;

/// <summary>Detecting the format before <c>check</c> splits a file.</summary>
public class FormatDetectionTests
{
    [Fact]
    public async Task Detection_of_an_endless_input_without_line_ends_stops_when_the_run_is_stopped()
    {
        // /dev/zero never ends a line, so its first lines never settle the format: only Ctrl+C or SIGTERM ends it
        // (before, check /dev/zero ignored both).
        using var zeros = File.OpenRead("/dev/zero");
        using var stopped = new CancellationTokenSource();
        stopped.Cancel();

        var detecting = Task.Run(() => FormatDetection.InFirstLines(
            stop => FileReplaySource.ReadStream(zeros, "/dev/zero", stop), LogFormats.AutoCandidates, stopped.Token));
        var found = await detecting.WaitAsync(TimeSpan.FromSeconds(30));   // a bound against a hang, not a timing claim

        Assert.Null(found);
    }
}

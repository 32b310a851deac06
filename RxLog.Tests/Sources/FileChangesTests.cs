using RxLog.Sources;
using RxLog.Tests.Support;

namespace RxLog.Tests.Sources;

/// <summary>The inotify side of following (<see cref="FileChanges"/>): real notifications, so these wait for the report
/// itself (never for a time), with a generous bound that only a broken watcher reaches.</summary>
public sealed class FileChangesTests : IDisposable
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("access.log")]            // written (and truncated: both are IN_MODIFY)
    [InlineData("access.log.1")]          // copytruncate's copy appears
    [InlineData("access.log-20261205.gz")]
    public async Task A_change_to_the_file_or_a_file_named_like_it_is_reported(string changed)
    {
        string path = _dir.File("access.log");
        File.WriteAllText(path, "");
        var reported = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var changes = FileChanges.Of(path).Subscribe(_ => reported.TrySetResult());

        File.AppendAllText(_dir.File(changed), "1\n");

        await reported.Task.WaitAsync(Generous);   // throws TimeoutException when nothing is reported
    }

    [Fact]
    public void A_file_in_a_directory_that_does_not_exist_yet_gets_no_reports_and_no_error()
    {
        var recorder = new Recorder<System.Reactive.Unit>(new System.Reactive.Concurrency.HistoricalScheduler());
        using var changes = FileChanges.Of(_dir.File("missing/access.log")).Subscribe(recorder);

        Assert.Empty(recorder.Values);
        Assert.Null(recorder.Error);
    }
}

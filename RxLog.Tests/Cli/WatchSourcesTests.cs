using System.Reactive.Concurrency;
using RxLog.Cli;
using RxLog.Tests.Support;

namespace RxLog.Tests.Cli;

/// <summary><c>watch 'DIR/*.log'</c>: each match followed as its own source; new matches found at the polls of the
/// injected scheduler and read from their start; a followed file rotated to a matching name is not read again.</summary>
public sealed class WatchSourcesTests : IDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);
    private readonly TempDir _dir = new();
    private readonly HistoricalScheduler _scheduler = new(new DateTimeOffset(2026, 1, 1, 10, 0, 0, TimeSpan.Zero));
    private readonly SourceRecorder _recorder = new();
    private readonly List<string> _notices = new();
    private IDisposable? _subscription;

    public void Dispose()
    {
        _subscription?.Dispose();
        _dir.Dispose();
    }

    private void Watch(params string[] arguments) =>
        _subscription = WatchSources.Follow(arguments, _scheduler, Poll, fromStart: false, _notices.Add).Subscribe(_recorder);

    private void Append(string name, string text) => File.AppendAllText(_dir.File(name), text);

    private void NextPoll() => _scheduler.AdvanceBy(Poll);

    [Fact]
    public void Every_file_matching_now_is_followed_from_its_end_like_a_named_file()
    {
        Append("a.log", "old a\n");
        Append("b.log", "old b\n");
        Append("c.txt", "old c\n");
        Watch(_dir.File("*.log"));
        NextPoll();
        Append("a.log", "new a\n");
        Append("b.log", "new b\n");
        Append("c.txt", "new c\n");
        NextPoll();

        Assert.Equal(["new a", "new b"], _recorder.Texts.Order(StringComparer.Ordinal));
        Assert.Equal([$"{_dir.File("*.log")}: following 2 file(s)"], _notices);
    }

    [Fact]
    public void A_file_that_starts_to_match_later_is_followed_from_its_start_with_a_notice()
    {
        Watch(_dir.File("*.log"));
        Append("late.log", "first\nsecond\n");
        NextPoll();
        NextPoll();
        Append("late.log", "third\n");
        NextPoll();

        Assert.Equal(["first", "second", "third"], _recorder.Texts);
        Assert.Equal(
        [
            $"{_dir.File("*.log")}: no file matches yet; waiting for one",
            $"{_dir.File("late.log")}: new file matching {_dir.File("*.log")}; following it from its start",
        ], _notices);
    }

    [Fact]
    public void A_followed_file_renamed_to_a_matching_name_is_not_read_twice()
    {
        Append("app.log", "before\n");
        Watch(_dir.File("app.log*"));
        NextPoll();
        Append("app.log", "one\n");
        NextPoll();
        File.Move(_dir.File("app.log"), _dir.File("app.log.1"));
        Append("app.log", "two\n");
        for (int i = 0; i < 5; i++) NextPoll();

        Assert.Equal(["one", "two"], _recorder.Texts);
        Assert.DoesNotContain(_notices, n => n.Contains("app.log.1", StringComparison.Ordinal));
    }

    [Fact]
    public void A_file_whose_name_holds_wildcard_characters_is_that_file()
    {
        Append("access[1].log", "");
        Append("access1.log", "");
        Watch(_dir.File("access[1].log"));
        Append("access[1].log", "brackets\n");
        Append("access1.log", "digit\n");
        NextPoll();

        Assert.Equal(["brackets"], _recorder.Texts);
    }

    [Fact]
    public void Files_and_patterns_mix()
    {
        Append("a.log", "");
        Watch(_dir.File("named.txt"), _dir.File("*.log"));
        Append("named.txt", "named\n");
        Append("a.log", "pattern\n");
        NextPoll();

        Assert.Equal(["named", "pattern"], _recorder.Texts.Order(StringComparer.Ordinal));
    }
}

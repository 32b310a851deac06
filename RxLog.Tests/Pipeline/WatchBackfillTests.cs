using System.Globalization;
using System.Reactive.Concurrency;
using System.Reactive.Linq;
using RxLog.Parsing;
using RxLog.Parsing.W3c;
using RxLog.Pipeline;
using RxLog.Rendering;
using RxLog.Sources;
using RxLog.Tests.Support;
using static RxLog.Tests.Support.Records;

namespace RxLog.Tests.Pipeline;

/// <summary>Issue: <c>watch</c> starts at the end like <c>tail -f</c>, but fills the alert window from the lines of the
/// last window already in the file, by their timestamps, so the first average is already right. Run as <c>watch</c>
/// wires it (file sources, wall time) on virtual time that starts half a second after T0; times are seconds after T0.</summary>
public sealed class WatchBackfillTests : IDisposable
{
    private static readonly MonitorSettings Settings = new(Threshold: 10, WindowSeconds: 120, IntervalSeconds: 10, Top: 3);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private sealed class RecordingView : IMonitorView
    {
        public List<string> Events { get; } = new();
        public List<string> Notices { get; } = new();
        public void OnEvent(MonitorEvent monitorEvent) => Events.Add(LogTimeRun.Describe(monitorEvent));
        public void OnNotice(string message) => Notices.Add(message);
    }

    /// <summary>A CLF line dated <paramref name="second"/> seconds after T0 (negative: before).</summary>
    private static string Line(long second) => LogLines.Clf(request: "GET /api/x HTTP/1.1",
        time: At(second).ToString("dd/MMM/yyyy:HH:mm:ss +0000", CultureInfo.InvariantCulture));

    /// <summary><paramref name="perSecond"/> lines for each second of <c>[from, to]</c>, in order.</summary>
    private static IEnumerable<string> Lines(long from, long to, int perSecond) =>
        Enumerable.Range(0, (int)(to - from + 1)).SelectMany(i => Enumerable.Repeat(Line(from + i), perSecond));

    private string Log(string name, params IEnumerable<string>[] parts)
    {
        string path = _dir.File(name);
        File.WriteAllLines(path, parts.SelectMany(p => p));
        return path;
    }

    /// <summary>Follows <paramref name="paths"/> as <c>watch</c> does from T0 + 0.5 s to <paramref name="until"/>, then
    /// stops the run as Ctrl+C would.</summary>
    private static async Task<(RecordingView View, RunSummary Summary)> Watch(string[] paths, long until = 10,
        bool fromStart = false, Action<HistoricalScheduler>? meanwhile = null, Func<ILogLineParser>? newParser = null,
        MonitorSettings? settings = null)
    {
        newParser ??= () => new CommonLogParser();
        var clock = new HistoricalScheduler(At(0).AddMilliseconds(500));
        var view = new RecordingView();
        var chunks = paths.Select(path => FileFollowSource.Follow(path, clock, Poll, fromStart, view.OnNotice,
            new WindowBackfill(Settings.WindowSeconds, newParser))).Merge();
        using var cancel = new CancellationTokenSource();
        var run = MonitorRun.LiveAsync(chunks, _ => newParser(), settings ?? Settings, view, clock, logClock: false,
            cancel.Token);
        meanwhile?.Invoke(clock);
        clock.AdvanceTo(At(until));
        cancel.Cancel();
        return (view, await run);
    }

    private static string Loaded(string path, int hits) => $"{path}: {hits} hits of the last 2m0s loaded into the alert window";

    /// <summary>An IIS line dated <paramref name="second"/> seconds after T0.</summary>
    private static string W3cLine(long second) =>
        At(second).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " GET /w3/x 200 512";

    [Fact]
    public async Task A_w3c_log_followed_from_its_end_is_read_with_the_columns_its_header_named()
    {
        // The #Fields: line is at the top, long before the end where following starts: without it every new line was
        // invalid and the tail could not fill the window.
        string path = Log("u_ex.log", ["#Software: Microsoft Internet Information Services 10.0", "#Version: 1.0",
            "#Fields: date time cs-method cs-uri-stem sc-status sc-bytes"], Enumerable.Repeat(W3cLine(-500), 2000),
            [W3cLine(-5), W3cLine(-4)]);

        var (view, summary) = await Watch([path], until: 10, newParser: () => new W3cParser(), meanwhile: clock =>
        {
            clock.AdvanceTo(At(0).AddMilliseconds(600));
            File.AppendAllLines(path, [W3cLine(0), W3cLine(0), W3cLine(0)]);
        });

        Assert.Equal(3, summary.Hits);
        Assert.Equal(0, summary.Invalid);
        Assert.Contains(Loaded(path, 2), view.Notices);
    }

    [Fact]
    public async Task The_last_two_minutes_of_the_file_raise_the_alert_at_the_first_boundary()
    {
        // 133 hits in each of the seconds -119..-110: 1330 in the window [-119, 1) that the boundary at 1 averages over.
        string path = Log("access.log", Lines(-1000, -1000, 2000), Lines(-400, -400, 10), Lines(-150, -150, 500),
            Lines(-120, -120, 500), Lines(-119, -110, 133));

        var (view, summary) = await Watch([path]);

        Assert.Equal(new[]
        {
            "alert 1 hits=1330 avg=11.0833",
            "recovered 2 hits=1197 avg=9.975 after=1",                        // second -119 has left the window
            "report 0..10 hits=0 invalid=0 avg=1.1083 alerting=False",       // loaded lines are not hits of the run
            "summary -..- hits=0 invalid=0 alerts=1 alerting=False",
        }, view.Events);
        Assert.Equal([Loaded(path, 1330)], view.Notices);
        Assert.Equal(0, summary.Hits);
    }

    [Fact]
    public async Task Lines_read_to_fill_the_window_are_not_lines_read_by_the_run()
    {
        // rxlog_lines_read_total counts what this run read: the 1,330 loaded lines are not in it, the appended ones are.
        string path = Log("access.log", Lines(-119, -110, 133));
        var lines = new RxLog.Aggregation.SourceLines();

        await Watch([path], settings: Settings with { LinesRead = lines }, meanwhile: clock =>
        {
            clock.AdvanceTo(At(0).AddMilliseconds(600));
            File.AppendAllLines(path, [Line(0), "", "not a log line", Line(0)]);
        });

        Assert.Equal([new(path, 4L)], lines.Snapshot());
    }

    [Fact]
    public async Task Lines_older_than_the_window_do_not_count_even_out_of_order()
    {
        // Ten hits a second over the whole window is exactly the threshold; the 100 hits of second -120 and the 5 of
        // second -170 written among newer lines would each tip it over.
        string path = Log("access.log", Lines(-120, -120, 100), Lines(-119, -60, 10), Lines(-170, -170, 5),
            Lines(-59, 0, 10));

        var (view, _) = await Watch([path]);

        Assert.Equal(new[]
        {
            "report 0..10 hits=0 invalid=0 avg=9.25 alerting=False",          // seconds -110..0 are still in the window
            "summary -..- hits=0 invalid=0 alerts=0 alerting=False",
        }, view.Events);
        Assert.Equal([Loaded(path, 1200)], view.Notices);
    }

    [Fact]
    public async Task Lines_dated_a_little_ahead_count_now_and_those_far_ahead_not_at_all()
    {
        string path = Log("access.log", Lines(-5, -5, 1200), Lines(30, 30, 1), Lines(3600, 3600, 500));

        var (view, _) = await Watch([path], until: 10);

        Assert.Equal(new[]
        {
            "alert 1 hits=1201 avg=10.0083",
            "report 0..10 hits=0 invalid=0 avg=10.0083 alerting=True",
            "summary -..- hits=0 invalid=0 alerts=1 alerting=True",
        }, view.Events);
        Assert.Equal([Loaded(path, 1201)], view.Notices);
    }

    [Fact]
    public async Task From_start_reads_everything_as_hits_of_the_run_as_before()
    {
        string path = Log("access.log", Lines(-1000, -1000, 7), Lines(-119, -110, 133));

        var (view, summary) = await Watch([path], fromStart: true);

        Assert.Equal(new[]
        {
            "alert 1 hits=1337 avg=11.1417",                                  // all read in second 0
            "report 0..10 hits=1337 invalid=0 avg=11.1417 alerting=True /api:1337",
            "summary 0..1 hits=1337 invalid=0 alerts=1 alerting=True",
        }, view.Events);
        Assert.Empty(view.Notices);
        Assert.Equal(1337, summary.Hits);
    }

    [Fact]
    public async Task No_parseable_timestamps_near_the_end_stops_the_search_and_counts_nothing()
    {
        // The search gives up after 1000 invalid lines in a row, and never reaches the window's lines before them.
        string path = Log("access.log", Lines(-100, -91, 200),
            Enumerable.Range(0, 5000).Select(i => $"garbage line {i} [not a timestamp]"));

        var (view, summary) = await Watch([path]);

        Assert.Equal(new[]
        {
            "report 0..10 hits=0 invalid=0 avg=0 alerting=False",
            "summary -..- hits=0 invalid=0 alerts=0 alerting=False",
        }, view.Events);
        Assert.Equal([Loaded(path, 0)], view.Notices);
        Assert.Equal(0, summary.Invalid);                                    // not read during the run: not counted
    }

    [Fact]
    public async Task Two_files_are_each_backfilled_into_the_one_window()
    {
        string a = Log("a.log", Lines(-119, -110, 70));
        string b = Log("b.log", Lines(-60, -51, 70));

        var (view, _) = await Watch([a, b], until: 20);

        Assert.Equal(new[]
        {
            "alert 1 hits=1400 avg=11.6667",
            "recovered 4 hits=1190 avg=9.9167 after=3",                       // a.log's seconds -119..-117 have left
            "report 0..10 hits=0 invalid=0 avg=6.4167 alerting=False",       // a.log: only second -110 is left
            "report 10..20 hits=0 invalid=0 avg=5.8333 alerting=False",
            "summary -..- hits=0 invalid=0 alerts=1 alerting=False",
        }, view.Events);
        Assert.Equal([Loaded(a, 700), Loaded(b, 700)], view.Notices);
    }

    [Fact]
    public async Task Lines_appended_after_the_start_are_hits_of_the_run_on_top_of_the_loaded_window()
    {
        string path = Log("access.log", Lines(-119, -119, 1190));

        var (view, summary) = await Watch([path], until: 10, meanwhile: clock =>
        {
            clock.AdvanceTo(At(0).AddMilliseconds(600));
            File.AppendAllLines(path, Lines(0, 0, 11));
        });

        Assert.Equal(new[]
        {
            "alert 1 hits=1201 avg=10.0083",
            "recovered 2 hits=11 avg=0.0917 after=1",
            "report 0..10 hits=11 invalid=0 avg=0.0917 alerting=False /api:11",
            "summary 0..1 hits=11 invalid=0 alerts=1 alerting=False",
        }, view.Events);
        Assert.Equal(11, summary.Hits);
    }
}

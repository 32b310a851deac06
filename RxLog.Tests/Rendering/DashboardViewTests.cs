using RxLog.Aggregation;
using RxLog.Alerting.Rules;
using RxLog.Pipeline;
using RxLog.Rendering;
using RxLog.Rendering.Dashboard;
using Spectre.Console.Testing;
using static RxLog.Tests.Rendering.Events;

namespace RxLog.Tests.Rendering;

/// <summary>The dashboard over a 100-column <see cref="TestConsole"/> (no ANSI, so each redraw appends a frame; the
/// last frame is what the terminal shows).</summary>
public class DashboardViewTests
{
    private readonly TestConsole _console = new TestConsole().Width(100).Height(40);

    private DashboardView View(string source = "-") =>
        new(_console, source, new MonitorSettings(Threshold: 10, WindowSeconds: 120));

    private string[] Feed(params MonitorEvent[] events)
    {
        var view = View();
        foreach (var e in events) view.OnEvent(e);
        return LastFrame();
    }

    /// <summary>The lines of the last frame, inside the panel's borders, right-trimmed.</summary>
    private string[] LastFrame()
    {
        var lines = _console.Lines;
        int top = lines.ToList().FindLastIndex(l => l.StartsWith("┌─ rxlog", StringComparison.Ordinal));
        int bottom = lines.ToList().FindIndex(top, l => l.StartsWith('└'));
        return lines.Skip(top + 1).Take(bottom - top - 1).Select(l => l.Trim('│').Trim()).ToArray();
    }

    [Fact]
    public void Header_shows_source_uptime_from_event_times_threshold_and_window()
    {
        string[] frame = Feed(Report(), Alert());
        Assert.Equal("stdin · up 3m41s · threshold 10/s over 2m0s · report every 10s", frame[0]);
    }

    [Fact]
    public void Top_sections_have_counts_and_bars_scaled_to_the_largest()
    {
        string[] frame = Feed(Report(alerting: false, windowHits: 384));
        Assert.Contains("/api         800  " + new string('█', 30), frame);
        Assert.Contains("/pages       300  " + new string('█', 11), frame);
        Assert.Contains("/robots.txt   12  █", frame);
        Assert.Contains("2xx 1200 · 3xx 10 · 4xx 20 · 5xx 4 · 1.2 MiB sent · invalid 2", frame);
        Assert.Contains("report 10:00:00 → 10:00:10 · hits 1234 · 123.40/s · avg 3.20/s", frame);
    }

    [Fact]
    public void Top_clients_follow_the_sections_with_hits_bytes_and_bars()
    {
        string[] frame = Feed(Report(alerting: false, windowHits: 384, clients: SomeClients));
        int heading = Array.IndexOf(frame, "Top clients");
        Assert.True(heading > Array.IndexOf(frame, "/robots.txt   12  █"), string.Join("\n", frame));
        Assert.Equal(
        [
            "203.0.113.9                      700  1.0 MiB  " + new string('█', 30),
            "2001:db8::1                       30  2.0 KiB  █",
            "crawl-66-249-66-1.googlebot.com    4      0 B  █",
        ], frame[(heading + 1)..(heading + 4)]);
    }

    [Fact]
    public void Rxlog_receive_shows_its_busiest_hosts_with_bars()
    {
        string[] frame = Feed(Report(alerting: false, windowHits: 384) with
        {
            Hosts = [new SourceCount("web1", 900), new SourceCount("10.0.0.7", 30)],
        });
        int heading = Array.IndexOf(frame, "Top hosts");
        Assert.True(heading > 0, string.Join("\n", frame));
        Assert.Equal(["web1      900  " + new string('█', 30), "10.0.0.7   30  █"], frame[(heading + 1)..(heading + 3)]);
    }

    [Fact]
    public void Response_times_are_shown_when_the_report_has_them()
    {
        var times = new ResponseTimeStats(1230, 123_000, 98_000, 310_000, 1_200_000);
        string[] frame = Feed(Report() with { ResponseTime = times });
        Assert.Contains(frame, l => l.StartsWith("response time avg 123 ms · p50 98 ms", StringComparison.Ordinal));
    }

    [Fact]
    public void Sparkline_shows_hits_per_second_of_recent_reports()
    {
        var quiet = Report() with { Hits = 100 };      // 10/s
        var busy = Report() with { Hits = 800 };       // 80/s
        string[] frame = Feed(quiet, busy, quiet);
        Assert.Contains("hits/s ▂█▂ max 80.00/s over the last 3 report(s)", frame);
    }

    [Fact]
    public void Sparkline_keeps_the_last_30_reports()
    {
        var state = new DashboardState();
        for (int i = 0; i < 45; i++) state.Apply(Report() with { Hits = i });
        Assert.Equal(30, state.Rates.Count);
        Assert.Equal(1.5, state.Rates.First());
    }

    [Fact]
    public void Alert_banner_is_shown_while_alerting_and_gone_after_recovery()
    {
        var view = View();
        view.OnEvent(Report());
        view.OnEvent(Alert());
        const string Banner = "HIGH TRAFFIC ALERT · hits = 12.53/s · since 2026-01-01 10:03:41";
        Assert.Equal(Banner, LastFrame()[1]);
        view.OnEvent(Recovery());
        Assert.DoesNotContain(LastFrame(), l => l.Contains("HIGH TRAFFIC ALERT", StringComparison.Ordinal));
    }

    [Fact]
    public void Alert_history_lists_alert_and_recovery_with_times_and_duration()
    {
        string[] frame = Feed(Report(), Alert(), Recovery());
        int title = Array.IndexOf(frame, "Alert history (2)");
        Assert.True(title >= 0, string.Join('\n', frame));
        Assert.Equal("2026-01-01 10:03:41  ALERT      hits = 12.53", frame[title + 1]);
        Assert.Equal("2026-01-01 10:07:21  recovered  hits = 9.98, after 3m40s", frame[title + 2]);
    }

    [Fact]
    public void Alert_history_names_the_rules_of_a_rules_file_beside_the_built_in_alerts()
    {
        var rule = new AlertRule("errors", RuleKind.Ratio, 0.05, 120, new RuleScope(Status: new StatusMatch(5, true)));
        string[] frame = Feed(Report(), Alert(), new RuleRaised(T0.AddSeconds(250), rule, new RuleValue(0.072, 72, 1000)),
            new RuleRecovered(T0.AddSeconds(310), rule, new RuleValue(0.04, 40, 1000), 60));
        int title = Array.IndexOf(frame, "Alert history (3)");
        Assert.True(title >= 0, string.Join('\n', frame));
        Assert.Equal("2026-01-01 10:04:10  ALERT      errors: ratio = 7.2% (72 of 1000)", frame[title + 2]);
        Assert.Equal("2026-01-01 10:05:10  recovered  errors: ratio = 4.0% (40 of 1000), after 1m0s", frame[title + 3]);
    }

    [Fact]
    public void Alert_history_never_scrolls_away_it_shows_the_newest_that_fit_and_counts_the_older()
    {
        _console.Height(24);
        var events = new List<MonitorEvent> { Report() };
        for (int i = 0; i < 20; i++)
        {
            events.Add(Alert() with { Time = T0.AddMinutes(10 * i) });
            events.Add(Recovery() with { Time = T0.AddMinutes(10 * i + 5) });
        }

        string[] frame = Feed(events.ToArray());
        Assert.Equal(24 - 1, frame.Length + 2); // the last row stays free: the newline after the frame must not scroll
        Assert.Contains("Alert history (40)", frame);
        string older = Assert.Single(frame, l => l.Contains("older (all are in the final summary)", StringComparison.Ordinal));
        int shown = frame.Count(l => l.Contains("hits = ", StringComparison.Ordinal) && !l.StartsWith("HIGH", StringComparison.Ordinal));
        Assert.Equal($"… {40 - shown} older (all are in the final summary)", older);
        Assert.Equal("2026-01-01 13:15:00  recovered  hits = 9.98, after 3m40s", frame[^1]);
    }

    [Fact]
    public void Hostile_section_prints_as_visible_text_without_escape_or_markup()
    {
        string[] frame = Feed(Report(sections: [new("/[red]x\u001b[2J", 5), new("/[/]", 1)]));
        Assert.Contains(frame, l => l.StartsWith(@"/[red]x\x1b[2J  5  ", StringComparison.Ordinal));
        Assert.Contains(frame, l => l.StartsWith("/[/]", StringComparison.Ordinal));
        Assert.DoesNotContain('\u001b', _console.Output);
    }

    [Fact]
    public void Hostile_source_and_notice_are_sanitised_and_escaped()
    {
        var view = View("/var/log/[bold]a\u001b[31m.log");
        view.OnEvent(Report());
        view.OnNotice("format: [red]combined\u0007");
        string[] frame = LastFrame();
        Assert.StartsWith(@"/var/log/[bold]a\x1b[31m.log · up 10s", frame[0]);
        Assert.Equal(@"notice: format: [red]combined\x07", frame[^1]);
        Assert.DoesNotContain('\u001b', _console.Output);
        Assert.DoesNotContain('\u0007', _console.Output);
    }

    [Fact]
    public void Summary_leaves_the_frame_and_prints_every_alert_and_the_plain_summary_lines()
    {
        Feed(Report(), Alert(), Recovery(), Summary());
        string[] tail = _console.Lines.Reverse().Take(3).Reverse().ToArray();
        Assert.Equal(
        [
            "High traffic generated an alert - hits = 12.53, triggered at 2026-01-01T10:03:41+00:00",
            "High traffic alert recovered - hits = 9.98, recovered at 2026-01-01T10:07:21+00:00, after 3m40s",
            "Summary: 2026-01-01 10:00:00 → 10:15:00 +00:00 (15m0s) · hits 12345 · invalid 3 · alerts 1 · not alerting",
        ], tail);
        Assert.Equal("stdin · up 15m0s · threshold 10/s over 2m0s · report every 10s", LastFrame()[0]);
    }

    [Fact]
    public void Without_a_report_the_frame_says_it_is_waiting()
    {
        var view = View();
        view.OnNotice("waiting for access.log");
        Assert.Contains("waiting for the first report…", LastFrame());
        Assert.Equal("notice: waiting for access.log", LastFrame()[^1]);
    }

    [Fact]
    public void A_terminal_that_speaks_ansi_gets_cursor_home_and_erase_below_not_a_scrolling_log()
    {
        var console = new TestConsole().Width(100).Height(40).EmitAnsiSequences();
        console.Profile.Capabilities.Ansi = true;
        var view = new DashboardView(console, "-", new MonitorSettings());
        view.OnEvent(Report());
        view.OnEvent(Report());
        string output = console.Output;
        Assert.StartsWith("\u001b[2J\u001b[H", output, StringComparison.Ordinal);
        Assert.Equal(2, output.Split("\u001b[H").Length - 1);
        Assert.EndsWith("\u001b[J", output, StringComparison.Ordinal);
    }
}

public class DashboardViewNarrowTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(8, 3)]
    [InlineData(20, 6)]
    public void A_tiny_terminal_draws_without_throwing(int width, int height)
    {
        var console = new TestConsole().Width(width).Height(height);
        var view = new DashboardView(console, "/var/log/a-very-long-name.log", new MonitorSettings());
        view.OnEvent(Report(sections: HostileSections));
        view.OnEvent(Alert());
        view.OnNotice("a notice longer than the terminal is wide");
        view.OnEvent(Summary());
        Assert.EndsWith("not alerting\n", console.Output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }
}

using RxLog.Tests.Support;
using RxLog.Aggregation;
using RxLog.Rendering;
using static RxLog.Tests.Rendering.Events;

namespace RxLog.Tests.Rendering;

public class PlainTextViewTests
{
    private readonly StringWriter _out = new() { NewLine = "\n" };
    private readonly StringWriter _err = new() { NewLine = "\n" };

    private string[] Lines(params RxLog.Pipeline.MonitorEvent[] events)
    {
        var view = new PlainTextView(_out, _err, threshold: 10);
        foreach (var e in events)
        {
            view.OnEvent(e);
        }

        return _out.ToString().Split('\n')[..^1];
    }

    [Fact]
    public void Alert_line_is_the_contract_text()
    {
        Assert.Equal(["High traffic generated an alert - hits = 12.53, triggered at 2026-01-01T10:03:41+00:00"], Lines(Alert()));
    }

    [Fact]
    public void Recovery_line_is_the_contract_text()
    {
        Assert.Equal(["High traffic alert recovered - hits = 9.98, recovered at 2026-01-01T10:07:21+00:00, after 3m40s"],
            Lines(Recovery()));
    }

    [Fact]
    public void A_report_is_three_lines()
    {
        Assert.Equal(
        [
            "[2026-01-01 10:00:00 → 10:00:10 +00:00] hits 1234 · 123.40/s · avg 12.53/s > 10 ALERT",
            "  2xx 1200 · 3xx 10 · 4xx 20 · 5xx 4 · 1.2 MiB sent · invalid 2",
            "  top /api 800 · /pages 300 · /robots.txt 12",
        ], Lines(Report()));
    }

    [Fact]
    public void A_report_with_clients_lists_them_with_their_bytes_on_a_fourth_line()
    {
        Assert.Equal(
            "  clients 203.0.113.9 700 (1.0 MiB) · 2001:db8::1 30 (2.0 KiB) · crawl-66-249-66-1.googlebot.com 4 (0 B)",
            Lines(Report(clients: SomeClients))[3]);
        Assert.Equal("  clients 203.0.113.9 700 (1.0 MiB) (approximate)",
            Lines(Report(clients: SomeClients[..1], clientsApproximate: true))[^1]);
    }

    [Fact]
    public void A_client_from_the_log_is_shown_with_its_control_characters_escaped()
    {
        string line = Lines(Report(clients: [new ClientCount("\u001b]0;pwned\u0007\u009b1.2.3.4", 1, 1)]))[3];

        Assert.Equal("  clients \\x1b]0;pwned\\x07\\u009b1.2.3.4 1 (1 B)", line);
    }

    [Fact]
    public void A_quiet_report_says_ok_and_shows_other_statuses_and_approximation()
    {
        var report = Report(windowHits: 384, alerting: false, approximate: true, status: new StatusMix(1200, 10, 20, 0, 4));
        Assert.Equal(
        [
            "[2026-01-01 10:00:00 → 10:00:10 +00:00] hits 1234 · 123.40/s · avg 3.20/s < 10 ok",
            "  2xx 1200 · 3xx 10 · 4xx 20 · 5xx 0 · other 4 · 1.2 MiB sent · invalid 2",
            "  top /api 800 · /pages 300 · /robots.txt 12 (approximate)",
        ], Lines(report));
    }

    [Fact]
    public void An_idle_report_has_no_sections()
    {
        var idle = new TrafficReport(T0, T0.AddSeconds(10), 0, [], default, 0, 0, 0, 0, false, false);
        Assert.Equal(
        [
            "[2026-01-01 10:00:00 → 10:00:10 +00:00] hits 0 · 0.00/s · avg 0.00/s < 10 ok",
            "  2xx 0 · 3xx 0 · 4xx 0 · 5xx 0 · 0 B sent · invalid 0",
            "  top (none)",
        ], Lines(idle));
    }

    [Fact]
    public void Without_a_threshold_the_report_learns_it_from_the_first_alert()
    {
        var view = new PlainTextView(_out, _err);
        view.OnEvent(Report());
        view.OnEvent(Alert());
        view.OnEvent(Report());
        string[] lines = _out.ToString().Split('\n');
        Assert.EndsWith("avg 12.53/s ALERT", lines[0]);
        Assert.EndsWith("avg 12.53/s > 10 ALERT", lines[4]);
    }

    [Fact]
    public void Hostile_section_names_cannot_reach_the_terminal()
    {
        string[] lines = Lines(Report(sections: HostileSections));
        Assert.Equal(3, lines.Length);
        Assert.Equal(
            @"  top /\x1b[2J\x1b[Hpwn 5 · /\x1b]52;c;ZWNobyBoaQ==\x07 4 · /ok\x0d/ADMIN 3 · /\u009b2J 3 · /user/\u202egnp.exe 2 · "
            + @"/a\x00b 2 · /a\x0aHigh traffic generated an alert - hits = 99.00, triggered at 2026-01-01T10:00:00+00:00 1 · "
            + @"/\u2066x\u2069\u200e\u061c\x7f\u0085 1 · /""q""\\u2028 1",
            lines[2]);
        CliAssert.NoControlCharacters(_out.ToString());
        Assert.DoesNotContain(lines, l => l.StartsWith("High traffic", StringComparison.Ordinal));
    }

    [Fact]
    public void Summary_shows_span_counts_and_state()
    {
        Assert.Equal(["Summary: 2026-01-01 10:00:00 → 10:15:00 +00:00 (15m0s) · hits 12345 · invalid 3 · alerts 1 · not alerting"],
            Lines(Summary()));
    }

    [Fact]
    public void Summary_of_a_run_without_records_says_so()
    {
        Assert.Equal(["Summary: no records · hits 0 · invalid 4 · alerts 0 · not alerting"], Lines(EmptySummary(4)));
    }

    [Fact]
    public void Summary_while_alerting_says_still_alerting()
    {
        Assert.EndsWith("alerts 1 · still alerting", Lines(Summary() with { Alerting = true })[0]);
    }

    [Fact]
    public void Times_follow_the_display_zone()
    {
        Assert.True(DisplayZone.TryParse("Asia/Tehran", out DisplayZone zone, out _));
        var view = new PlainTextView(_out, _err, 10, zone);
        view.OnEvent(Alert());
        view.OnEvent(Report());
        view.OnEvent(Summary());
        string[] lines = _out.ToString().Split('\n');
        Assert.Equal("High traffic generated an alert - hits = 12.53, triggered at 2026-01-01T13:33:41+03:30", lines[0]);
        Assert.StartsWith("[2026-01-01 13:30:00 → 13:30:10 +03:30] hits 1234", lines[1]);
        Assert.StartsWith("Summary: 2026-01-01 13:30:00 → 13:45:00 +03:30 (15m0s)", lines[4]);
    }

    [Fact]
    public void Notices_go_to_the_error_writer_prefixed_and_sanitised()
    {
        var view = new PlainTextView(_out, _err);
        view.OnNotice("waiting for /var/log/\u001b[31mx.log");
        Assert.Equal("", _out.ToString());
        Assert.Equal("rxlog: waiting for /var/log/\\x1b[31mx.log\n", _err.ToString());
    }

    [Fact]
    public void Each_event_is_flushed()
    {
        var writer = new FlushCounter();
        var view = new PlainTextView(writer, writer);
        view.OnEvent(Report());
        view.OnEvent(Alert());
        view.OnNotice("hi");
        Assert.Equal(3, writer.Flushes);
    }

    [Fact]
    public void No_ansi_escape_is_ever_written()
    {
        Lines(Report(), Alert(), Recovery(), Report(sections: HostileSections), Summary(), EmptySummary());
        Assert.DoesNotContain('\u001b', _out.ToString());
        CliAssert.NoControlCharacters(_out.ToString());
    }

    private sealed class FlushCounter : StringWriter
    {
        public int Flushes { get; private set; }

        public override void Flush() => Flushes++;
    }
}

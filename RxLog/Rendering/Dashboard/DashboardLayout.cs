using System.Text;
using RxLog.Aggregation;
using RxLog.Alerting;
using RxLog.Alerting.Rules;
using RxLog.Pipeline;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace RxLog.Rendering.Dashboard;

/// <summary>Builds one dashboard frame from a <see cref="DashboardState"/> (Rendering stage). Every string read from
/// a log (sections, notices, source names) goes through <see cref="Text"/>: sanitised, then markup-escaped.</summary>
public static class DashboardLayout
{
    private const int NameWidth = 40;
    private const int BarWidth = 30;
    private const string Sep = " · ";

    /// <param name="height">Terminal rows: the alert history shows as many recent entries as fit.</param>
    public static IRenderable Build(DashboardState state, string source, MonitorSettings settings, DisplayZone? zone,
        int height)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(settings);
        var rows = new List<IRenderable>();
        int lines = 0;
        void Add(string markup)
        {
            rows.Add(new Markup(markup.Length == 0 ? " " : markup)); // an empty Markup takes no line
            lines++;
        }

        Add($"[bold]{Text(source)}[/]{Sep}up {TimeFormat.Duration(state.Uptime)}{Sep}threshold "
            + $"{NumberText.Shortest(settings.Threshold)}/s over {TimeFormat.Duration(settings.WindowSeconds)}"
            + $"{Sep}report every {TimeFormat.Duration(settings.IntervalSeconds)}");
        if (state.ActiveAlert is { } alert)
        {
            Add($"[bold white on red] HIGH TRAFFIC ALERT{Sep}hits = {NumberText.TwoDecimals(alert.Average)}/s"
                + $"{Sep}since {TimeFormat.DateTime(Convert(alert.Time, zone))} [/]");
        }

        if (state.LastReport is { } report)
        {
            lines += AddReport(rows, report, state, settings, zone);
        }
        else
        {
            Add("[grey]waiting for the first report…[/]");
        }

        Add("");
        Add($"[bold]Alert history[/] ({state.History.Count})");
        lines += state.Notice is null ? 0 : 2;
        // The panel's 2 borders, the "older" line, and the last row left empty: the newline after the frame must not
        // scroll the screen, or the next frame, drawn from the top-left corner, would not cover this one.
        int fit = Math.Max(1, height - lines - 4);
        IReadOnlyList<MonitorEvent> history = state.History;
        int shown = Math.Min(history.Count, fit);
        if (history.Count > shown)
        {
            Add($"[grey]… {history.Count - shown} older (all are in the final summary)[/]");
        }

        for (int i = history.Count - shown; i < history.Count; i++)
        {
            Add(HistoryLine(history[i], zone));
        }

        if (history.Count == 0)
        {
            Add("[grey]none[/]");
        }

        if (state.Notice is { } notice)
        {
            Add("");
            Add($"[grey]notice:[/] {Markup.Escape(notice)}");
        }

        return new Panel(new Rows(rows)).Header("[bold] rxlog [/]").Expand();
    }

    /// <summary>Log text made safe for markup: controls escaped as visible text, then <c>[</c> and <c>]</c> doubled.</summary>
    public static string Text(string text) => Markup.Escape(TerminalText.Sanitize(text ?? ""));

    /// <summary><c>2026-01-01 10:03:41  ALERT      hits = 12.53</c>, or a recovery with its duration.</summary>
    public static string HistoryPlain(MonitorEvent entry, DisplayZone? zone) => entry switch
    {
        AlertRaised a => $"{TimeFormat.DateTime(Convert(a.Time, zone))}  ALERT      hits = {NumberText.TwoDecimals(a.Average)}",
        AlertRecovered r => $"{TimeFormat.DateTime(Convert(r.Time, zone))}  recovered  hits = "
                            + $"{NumberText.TwoDecimals(r.Average)}, after {TimeFormat.Duration(r.DurationSeconds)}",
        RuleRaised a => $"{TimeFormat.DateTime(Convert(a.Time, zone))}  ALERT      {a.Rule.Name}: {a.Value.Text(a.Rule)}",
        RuleRecovered r => $"{TimeFormat.DateTime(Convert(r.Time, zone))}  recovered  {r.Rule.Name}: {r.Value.Text(r.Rule)}, "
                           + $"after {TimeFormat.Duration(r.DurationSeconds)}",
        _ => "",
    };

    // HistoryPlain holds no log text (rule names are [a-z0-9_], values are numbers): nothing to escape.
    private static string HistoryLine(MonitorEvent entry, DisplayZone? zone) =>
        entry is AlertRaised or RuleRaised ? $"[red]{HistoryPlain(entry, zone)}[/]" : $"[green]{HistoryPlain(entry, zone)}[/]";

    private static int AddReport(List<IRenderable> rows, TrafficReport report, DashboardState state,
        MonitorSettings settings, DisplayZone? zone)
    {
        int lines = 0;
        double seconds = (report.End - report.Start).TotalSeconds;
        var head = new StringBuilder()
            .Append("report ").Append(TimeFormat.Clock(Convert(report.Start, zone))).Append(" → ")
            .Append(TimeFormat.Clock(Convert(report.End, zone)))
            .Append(Sep).Append("hits ").Append(NumberText.Integer(report.Hits));
        if (seconds > 0) head.Append(Sep).Append(NumberText.TwoDecimals(report.Hits / seconds)).Append("/s");
        head.Append(Sep).Append("avg ").Append(NumberText.TwoDecimals(report.Average)).Append("/s");
        rows.Add(new Markup(Markup.Escape(head.ToString())));
        double max = state.Rates.Count == 0 ? 0 : state.Rates.Max();
        rows.Add(new Markup($"hits/s [cyan]{Sparkline.Of(state.Rates)}[/] max {NumberText.TwoDecimals(max)}/s over the "
                            + $"last {state.Rates.Count} report(s)"));
        lines += 2;

        IReadOnlyList<string> plain = PlainTextFormat.Report(report, settings.Threshold, zone);
        rows.Add(new Markup(Markup.Escape(plain[1].TrimStart()))); // status mix, bytes, invalid
        lines++;
        if (report.ResponseTime is { } times)
        {
            rows.Add(new Markup(Markup.Escape(PlainTextFormat.ResponseTime(times, report.Hits).TrimStart())));
            lines++;
        }

        rows.Add(new Markup(" "));
        rows.Add(new Markup("[bold]Top sections[/]" + (report.Approximate ? " [grey](approximate)[/]" : "")));
        lines += 2;
        lines += AddBars(rows, report.Sections.Select(s => (s.Section, s.Hits, (string?)null)).ToList(), "green");
        if (report.Clients is { } clients)
        {
            rows.Add(new Markup(" "));
            rows.Add(new Markup("[bold]Top clients[/]" + (report.ClientsApproximate ? " [grey](approximate)[/]" : "")));
            lines += 2 + AddBars(rows, clients.Select(c => (c.Client, c.Hits, (string?)NumberText.Bytes(c.Bytes))).ToList(), "blue");
        }
        if (report.Hosts is { } hosts)   // rxlog receive
        {
            rows.Add(new Markup(" "));
            rows.Add(new Markup("[bold]Top hosts[/]"));
            lines += 2 + AddBars(rows, hosts.Select(h => (h.Source, h.Hits, (string?)null)).ToList(), "magenta");
        }

        return lines;
    }

    // One row per name: the name, its hits, an optional note (bytes), a bar scaled to the largest; "(none)" when empty.
    private static int AddBars(List<IRenderable> rows, List<(string Name, long Hits, string? Note)> entries, string colour)
    {
        if (entries.Count == 0)
        {
            rows.Add(new Markup("[grey](none)[/]"));
            return 1;
        }

        long top = entries.Max(e => e.Hits);
        bool notes = entries.Exists(e => e.Note is not null);
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn(new GridColumn().NoWrap().RightAligned());
        if (notes) grid.AddColumn(new GridColumn().NoWrap().RightAligned());
        grid.AddColumn(new GridColumn().NoWrap());
        foreach (var (name, hits, note) in entries)
        {
            int bar = top <= 0 ? 0 : (int)Math.Max(hits > 0 ? 1 : 0, hits * BarWidth / top);
            var cells = new List<IRenderable> { new Markup(Text(Shorten(TerminalText.Sanitize(name)))), new Markup(NumberText.Integer(hits)) };
            if (notes) cells.Add(new Markup(Markup.Escape(note ?? "")));
            cells.Add(new Markup($"[{colour}]{new string('█', bar)}[/]"));
            grid.AddRow([.. cells]);
        }

        rows.Add(grid);
        return entries.Count;
    }

    private static string Shorten(string name) => name.Length <= NameWidth ? name : name[..(NameWidth - 1)] + "…";

    private static DateTimeOffset Convert(DateTimeOffset time, DisplayZone? zone) => zone?.Convert(time) ?? time;
}

using RxLog.Pipeline;
using RxLog.Rendering;
using RxLog.Rendering.Dashboard;
using Spectre.Console;
using Spectre.Console.Testing;

namespace RxLog.Tests.Rendering;

public class ViewFactoryTests
{
    private static readonly StringWriter Out = new(), Err = new();

    private static LiveTerminal Live(bool plain = false, bool terminal = true, string? term = "xterm-256color",
        bool ansi = true) =>
        new(plain, terminal, term, "-", new MonitorSettings(), _ => Ansi(ansi));

    private static IAnsiConsole Ansi(bool ansi)
    {
        var console = new TestConsole();
        console.Profile.Capabilities.Ansi = ansi;
        return console;
    }

    [Fact]
    public void A_live_mode_on_an_ansi_terminal_gets_the_dashboard() =>
        Assert.IsType<DashboardView>(ViewFactory.Create(false, Out, Err, null, 10, Live()));

    [Fact]
    public void Term_unset_still_gets_the_dashboard_when_the_console_speaks_ansi() =>
        Assert.IsType<DashboardView>(ViewFactory.Create(false, Out, Err, null, 10, Live(term: null)));

    [Theory]
    [InlineData(true, true, "xterm", true)]    // --plain
    [InlineData(false, false, "xterm", true)]  // stdout redirected
    [InlineData(false, true, "dumb", true)]    // TERM=dumb
    [InlineData(false, true, "xterm", false)]  // a console without ANSI
    public void Plain_not_a_terminal_dumb_or_no_ansi_get_plain_lines(bool plain, bool terminal, string term, bool ansi) =>
        Assert.IsType<PlainTextView>(ViewFactory.Create(false, Out, Err, null, 10, Live(plain, terminal, term, ansi)));

    [Fact]
    public void Check_mode_passes_no_live_terminal_and_stays_plain() =>
        Assert.IsType<PlainTextView>(ViewFactory.Create(false, Out, Err, null, 10, live: null));

    [Fact]
    public void Json_wins_over_the_dashboard() =>
        Assert.IsType<JsonLinesView>(ViewFactory.Create(true, Out, Err, null, 10, Live()));
}

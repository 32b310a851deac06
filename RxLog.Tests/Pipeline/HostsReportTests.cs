using System.Reactive.Concurrency;
using System.Reactive.Linq;
using System.Text;
using RxLog.Aggregation;
using RxLog.Parsing;
using RxLog.Pipeline;
using RxLog.Rendering;
using RxLog.Sources;
using RxLog.Tests.Support;

namespace RxLog.Tests.Pipeline;

/// <summary><c>rxlog receive</c>: each report lists its busiest hosts (the sources of its lines), counted in the same
/// closed seconds as every other number of the report.</summary>
public sealed class HostsReportTests
{
    [Fact]
    public async Task Each_report_lists_its_hosts_busiest_first_with_the_hits_of_its_own_seconds()
    {
        // web1: 3 hits a second from 10:00:00 to 10:00:14; web2: 1 a second; 10.0.0.9: one hit at 10:00:12.
        var chunks = Enumerable.Range(0, 15).SelectMany(s => new[] { LogLines.Hits("web1", 1 + 3 * s, s, 3), LogLines.Hits("web2", 1 + s, s, 1) })
            .Append(LogLines.Hits("10.0.0.9", 1, 12, 1)).ToObservable();
        var view = new EventRecorder();

        await MonitorRun.LiveAsync(chunks, _ => new CommonLogParser(),
            new MonitorSettings(IntervalSeconds: 10) { TopHosts = 10 }, view, ImmediateScheduler.Instance, logClock: true,
            CancellationToken.None);

        var reports = view.Events.OfType<TrafficReport>().ToList();
        Assert.Equal([new SourceCount("web1", 30), new SourceCount("web2", 10)], reports[0].Hosts);
        Assert.Equal([new SourceCount("web1", 15), new SourceCount("web2", 5), new SourceCount("10.0.0.9", 1)], reports[1].Hosts);
        Assert.Equal("  hosts web1 15 · web2 5 · 10.0.0.9 1", PlainTextFormat.Hosts(reports[1].Hosts!));
    }

    [Fact]
    public async Task Without_receive_a_report_lists_no_hosts()
    {
        var view = new EventRecorder();

        await MonitorRun.LiveAsync(Observable.Return(LogLines.Hits("a.log", 1, 0, 3)), _ => new CommonLogParser(),
            new MonitorSettings(), view, ImmediateScheduler.Instance, logClock: true, CancellationToken.None);

        Assert.Null(view.Events.OfType<TrafficReport>().Single().Hosts);
    }

    [Fact]
    public async Task A_silence_rule_scoped_to_a_host_fires_when_that_host_goes_quiet_and_not_for_the_others()
    {
        // web1 and web3 send a hit a second; web3 stops after 10:00:09, web1 goes on to 10:00:40.
        var chunks = Enumerable.Range(0, 41).SelectMany(s => s < 10
                ? new[] { LogLines.Hits("web1", 1 + s, s, 1), LogLines.Hits("web3", 1 + s, s, 1) }
                : new[] { LogLines.Hits("web1", 1 + s, s, 1) })
            .ToObservable();
        var rules = RxLog.Alerting.Rules.RulesFile.Read(new StringReader("""
            rules:
              - {name: web3_quiet, silence: 20s, source: web3}
              - {name: web1_quiet, silence: 20s, source: web1}
            """), threshold: 10, window: 120);
        var view = new EventRecorder();

        await MonitorRun.LiveAsync(chunks, _ => new CommonLogParser(),
            new MonitorSettings(Rules: rules) { TopHosts = 10 }, view, ImmediateScheduler.Instance, logClock: true,
            CancellationToken.None);

        // web3's last hit is in second 10:00:09; 20 s without one is reached at the boundary 10:00:30.
        Assert.Equal(["web3_quiet 10:00:30"],
            view.Events.OfType<RxLog.Alerting.Rules.RuleRaised>().Select(e => $"{e.Rule.Name} {e.Time:HH:mm:ss}"));
    }
}

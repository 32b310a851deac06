using System.Reactive.Concurrency;
using System.Reactive.Linq;
using System.Text;
using RxLog.Alerting.Rules;
using RxLog.Parsing;
using RxLog.Pipeline;
using RxLog.Rendering;
using RxLog.Sources;
using RxLog.Tests.Support;

namespace RxLog.Tests.Pipeline;

/// <summary>CONTRACT.md "Rules", scope <c>source</c>: <c>watch a.log b.log</c> with a rule per file counts each file's
/// lines for its own rule only, on the same clock as every other rule.</summary>
public sealed class SourceScopedRulesTests
{
    [Fact]
    public async Task Each_files_rule_counts_that_files_lines_only_at_the_exact_second()
    {
        // a.log: 3 hits a second from 10:00:00 to 10:00:09; b.log: 1 hit a second over the same seconds.
        var chunks = Enumerable.Range(0, 10).SelectMany(s => new[]
        {
            LogLines.Hits("logs/a.log", 1 + 3 * s, s, 3),
            LogLines.Hits("/var/log/b.log", 1 + s, s, 1),
        }).ToObservable();
        var rules = RulesFile.Read(new StringReader("""
            rules:
              - {name: a_hot, rate: 2.5, window: 5s, source: logs/a.log}
              - {name: b_hot, rate: 2.5, window: 5s, source: "*/b.log"}
              - {name: all_hot, rate: 3.5, window: 5s}
              - {name: stdin_hot, rate: 0.1, window: 5s, source: "-"}
            """), threshold: 10, window: 120);
        var view = new EventRecorder();

        await MonitorRun.LiveAsync(chunks, _ => new CommonLogParser(),
            new MonitorSettings(Rules: rules), view, ImmediateScheduler.Instance, logClock: true, CancellationToken.None);

        var raised = view.Events.OfType<RuleRaised>().Select(e => $"{e.Rule.Name} {e.Time:HH:mm:ss}").ToList();
        // At b = 10:00:05, [b − 5 s, b) holds five seconds: a.log 15 hits (3.00/s > 2.5), b.log 5 (1.00/s), all 20
        // (4.00/s > 3.5); at 10:00:04, 12 (2.40/s) and 16 (3.20/s) raise nothing. No line came from stdin.
        Assert.Equal(["a_hot 10:00:05", "all_hot 10:00:05"], raised);
    }
}

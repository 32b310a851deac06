using System.CommandLine;
using RxLog.Alerting.Rules;
using RxLog.Rendering;

namespace RxLog.Cli;

/// <summary><c>rxlog rules check FILE</c>: validates a rules file as <c>--rules</c> would, and says what each rule means;
/// <c>rxlog rules prometheus [FILE]</c>: the same rules as a Prometheus alerting-rules file over rxlog's metrics.</summary>
public static class RulesCommand
{
    private static readonly Argument<string> File = new("file") { Description = "The rules file (YAML) to check." };
    private static readonly Argument<string?> OptionalFile = new("file")
    {
        Description = "The rules file (YAML); without it, the built-in high_traffic rule from --threshold and --window.",
        Arity = ArgumentArity.ZeroOrOne,
    };

    public static Command Build()
    {
        var check = new Command("check", "Validate a rules file and say in words what each rule does; exit 2 on the first problem.")
        {
            File, CliOptions.Threshold, CliOptions.Window,
        };
        check.SetAction(parse => Check(parse.GetValue(File)!, parse.GetValue(CliOptions.Threshold),
            parse.GetValue(CliOptions.Window), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        var prometheus = new Command("prometheus",
            "Print the rules as a Prometheus alerting-rules file over the rxlog_* metrics of every host (docs/prometheus.md); "
            + "a rule the metrics cannot express is a comment, and one line on stderr.")
        {
            OptionalFile, CliOptions.Threshold, CliOptions.Window,
        };
        prometheus.SetAction(parse => Prometheus(parse.GetValue(OptionalFile), parse.GetValue(CliOptions.Threshold),
            parse.GetValue(CliOptions.Window), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return new Command("rules", "Alert rules files (docs/rules.md).") { check, prometheus };
    }

    private static int Check(string path, double threshold, int window, TextWriter output, TextWriter error)
    {
        if (Load(path, threshold, window, error) is not { } rules) return ExitCodes.Usage;
        int count = rules.Rules.Count + (rules.HighTrafficOff ? 0 : 1);
        output.WriteLine($"{TerminalText.Sanitize(path)}: {count} rule{(count == 1 ? "" : "s")}");
        if (rules.HighTrafficOff) output.WriteLine($"  {AlertRule.HighTrafficName} (built-in): off");
        else output.WriteLine("  " + RuleDescription.Of(HighTraffic(rules, threshold, window), builtIn: true));
        foreach (var rule in rules.Rules) output.WriteLine("  " + RuleDescription.Of(rule));
        return ExitCodes.Ok;
    }

    private static int Prometheus(string? path, double threshold, int window, TextWriter output, TextWriter error)
    {
        var rules = path is null ? new RuleSet([]) : Load(path, threshold, window, error);
        if (rules is null) return ExitCodes.Usage;
        var all = new List<(AlertRule, bool)>();
        if (!rules.HighTrafficOff) all.Add((HighTraffic(rules, threshold, window), true));
        all.AddRange(rules.Rules.Select(rule => (rule, false)));
        foreach (var (rule, reason) in PrometheusRules.Write(all, output))
            error.WriteLine($"rxlog: {rule}: not expressible in Prometheus ({reason}); left out as a comment");
        return ExitCodes.Ok;
    }

    private static RuleSet? Load(string path, double threshold, int window, TextWriter error)
    {
        if (RulesFile.TryLoad(path, threshold, window, out var rules, out var problem)) return rules;
        error.WriteLine("rxlog: " + TerminalText.Sanitize(problem!));
        return null;
    }

    private static AlertRule HighTraffic(RuleSet rules, double threshold, int window) => rules.HighTraffic
        ?? AlertRule.HighTraffic(threshold, window);
}

using System.CommandLine;
using RxLog.Alerting.Rules;
using RxLog.Rendering;

namespace RxLog.Cli;

/// <summary><c>rxlog rules check FILE</c>: validates a rules file as <c>--rules</c> would, and says what each rule means.</summary>
public static class RulesCommand
{
    private static readonly Argument<string> File = new("file") { Description = "The rules file (YAML) to check." };

    public static Command Build()
    {
        var check = new Command("check", "Validate a rules file and say in words what each rule does; exit 2 on the first problem.")
        {
            File, CliOptions.Threshold, CliOptions.Window,
        };
        check.SetAction(parse => Check(parse.GetValue(File)!, parse.GetValue(CliOptions.Threshold),
            parse.GetValue(CliOptions.Window), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return new Command("rules", "Alert rules files (docs/rules.md).") { check };
    }

    private static int Check(string path, double threshold, int window, TextWriter output, TextWriter error)
    {
        if (!RulesFile.TryLoad(path, threshold, window, out var rules, out var problem))
        {
            error.WriteLine("rxlog: " + TerminalText.Sanitize(problem!));
            return ExitCodes.Usage;
        }
        int count = rules!.Rules.Count + (rules.HighTrafficOff ? 0 : 1);
        output.WriteLine($"{TerminalText.Sanitize(path)}: {count} rule{(count == 1 ? "" : "s")}");
        if (rules.HighTrafficOff) output.WriteLine($"  {AlertRule.HighTrafficName} (built-in): off");
        else
            output.WriteLine("  " + RuleDescription.Of(rules.HighTraffic
                ?? new AlertRule(AlertRule.HighTrafficName, RuleKind.Rate, threshold, window, Aggregation.RuleScope.All), builtIn: true));
        foreach (var rule in rules.Rules) output.WriteLine("  " + RuleDescription.Of(rule));
        return ExitCodes.Ok;
    }
}

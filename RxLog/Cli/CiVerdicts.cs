using System.CommandLine;
using RxLog.Pipeline;
using RxLog.Rendering;
using RxLog.Rendering.Verdicts;

namespace RxLog.Cli;

/// <summary><c>check</c>'s verdicts for CI systems, written once the run has ended: <c>--junit FILE</c>, GitHub
/// workflow annotations (<c>--annotations github</c>, or by default when <c>GITHUB_ACTIONS=true</c>) and a Markdown
/// summary appended to <c>$GITHUB_STEP_SUMMARY</c> when it is set.</summary>
public sealed class CiVerdicts
{
    private readonly string? _junit;
    private readonly bool _annotate;
    private readonly string? _stepSummary;
    private AlertLog? _log;

    private CiVerdicts(string? junit, bool annotate, string? stepSummary) =>
        (_junit, _annotate, _stepSummary) = (junit, annotate, stepSummary);

    /// <summary>Null when no verdict is asked for, so a plain run keeps no alert log.</summary>
    public static CiVerdicts? From(ParseResult parse, ConsoleIo io)
    {
        string mode = parse.GetValue(CliOptions.Annotations) ?? "auto";
        bool annotate = mode == "github" || (mode == "auto" && io.Environment("GITHUB_ACTIONS") == "true");
        string? stepSummary = mode == "none" ? null : io.Environment("GITHUB_STEP_SUMMARY") is { Length: > 0 } s ? s : null;
        string? junit = parse.GetValue(CliOptions.JUnit);
        return junit is null && !annotate && stepSummary is null ? null : new CiVerdicts(junit, annotate, stepSummary);
    }

    /// <summary>The view the run writes to: <paramref name="view"/>, with every alert and recovery kept.</summary>
    public IMonitorView Wrap(IMonitorView view) => _log = new AlertLog(view);

    /// <summary>Writes the verdicts of a finished run; a one-line problem when a file could not be written.</summary>
    public string? Write(string input, RunSummary summary, TextWriter errors)
    {
        var verdict = CheckVerdict.Of(input, summary, _log?.Entries ?? []);
        if (_annotate)
        {
            GitHubVerdict.WriteAnnotations(errors, verdict);
            errors.Flush();
        }
        try
        {
            if (_junit is not null)
            {
                using var file = new StreamWriter(_junit, append: false, new System.Text.UTF8Encoding(false));
                JUnitReport.Write(file, [verdict]);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return $"--junit: cannot write '{_junit}': {ex.Message}";
        }
        try
        {
            if (_stepSummary is not null) File.AppendAllText(_stepSummary, GitHubVerdict.StepSummary(verdict) + "\n");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return $"GITHUB_STEP_SUMMARY: cannot append to '{_stepSummary}': {ex.Message}";
        }
        return null;
    }
}

using System.Text;

namespace RxLog.Parsing.Templates;

/// <summary>Parsing stage: collects the literals and fields of a log format in order, then checks it and decides
/// how each field ends (<see cref="Build"/>).</summary>
internal sealed class TemplateBuilder
{
    private readonly List<TemplateStep> _steps = [];
    private readonly List<int> _priority = [];      // per step: lower wins when two fields give the same value
    private readonly StringBuilder _literal = new();

    /// <summary>True when the last thing added is a path field with no literal after it (so <c>%q</c> or
    /// <c>$is_args$args</c> can be read as part of it).</summary>
    public bool EndsWithPath => _literal.Length == 0 && _steps.Count > 0 && !_steps[^1].IsLiteral && _steps[^1].Field == FieldKind.Path;

    public void Literal(char c) => _literal.Append(c);

    public void Literal(string text) => _literal.Append(text);

    /// <summary>Adds a field; when several fields give the record the same value (<c>%b</c> and <c>%O</c>), the one
    /// with the lowest <paramref name="priority"/> is used and the others are skipped.</summary>
    public void Field(FieldKind kind, string name, int priority = 0, StrftimeTime? time = null)
    {
        FlushLiteral();
        _steps.Add(TemplateStep.ForField(kind, name, time));
        _priority.Add(priority);
    }

    /// <summary>The compiled parser; throws <see cref="FormatException"/> for a format that cannot give records.</summary>
    /// <param name="statusHint">What the format's dialect needs for a status, named when it has none; null when a
    /// format without a status is fine: its records then have status 0 (unknown, counted as "other").</param>
    public ILogLineParser Build(string formatName, string timeHint, string? statusHint, InternTable sections)
    {
        FlushLiteral();
        TrimTrailingWhitespace();
        if (_steps.Count == 0)
        {
            throw new FormatException("the format is empty");
        }

        KeepBest(FieldKind.Token, k => k == FieldKind.Status);
        KeepBest(FieldKind.Token, k => k == FieldKind.Bytes);
        KeepBest(FieldKind.Token, k => k is FieldKind.DurationSeconds or FieldKind.DurationMillis or FieldKind.DurationMicros);
        KeepBest(FieldKind.Token, k => k == FieldKind.Path);
        KeepBest(FieldKind.Token, k => k == FieldKind.Client);
        KeepBest(FieldKind.Skip, k => k == FieldKind.Request);
        SetTerminators();
        CheckTime(timeHint);
        if (statusHint is not null && !_steps.Exists(s => !s.IsLiteral && s.Field == FieldKind.Status))
        {
            throw new FormatException($"the format has no status field ({statusHint})");
        }

        return new TemplateParser(formatName, [.. _steps], sections);
    }

    private void FlushLiteral()
    {
        if (_literal.Length == 0)
        {
            return;
        }

        _steps.Add(TemplateStep.ForLiteral(Encoding.UTF8.GetBytes(_literal.ToString())));
        _priority.Add(0);
        _literal.Clear();
    }

    // Pasted formats often end with a space (nginx pieces 'a ' 'b '); a line's end is where its last field ends.
    private void TrimTrailingWhitespace()
    {
        if (_steps.Count == 0 || _steps[^1].Literal is not { } last)
        {
            return;
        }

        string trimmed = Encoding.UTF8.GetString(last).TrimEnd();
        _steps.RemoveAt(_steps.Count - 1);
        _priority.RemoveAt(_priority.Count - 1);
        _literal.Append(trimmed);
        FlushLiteral();
    }

    // Of the fields matching isRole, the one with the lowest priority (the first on ties) keeps its kind; the
    // others become `demoted` (read and ignored).
    private void KeepBest(FieldKind demoted, Func<FieldKind, bool> isRole)
    {
        int best = -1;
        for (int i = 0; i < _steps.Count; i++)
        {
            if (!_steps[i].IsLiteral && isRole(_steps[i].Field) && (best < 0 || _priority[i] < _priority[best]))
            {
                best = i;
            }
        }

        for (int i = 0; i < _steps.Count; i++)
        {
            if (i != best && !_steps[i].IsLiteral && isRole(_steps[i].Field))
            {
                _steps[i].Field = demoted;
            }
        }
    }

    private void SetTerminators()
    {
        for (int i = 0; i < _steps.Count; i++)
        {
            TemplateStep s = _steps[i];
            if (s.IsLiteral || s.IsSelfDelimiting || i + 1 == _steps.Count)
            {
                continue;
            }

            TemplateStep next = _steps[i + 1];
            s.Terminator = next.Literal
                ?? (next.Field == FieldKind.Path ? "/"u8.ToArray()
                    : throw new FormatException($"{s.Name} and {next.Name} need literal text between them: nothing shows where {s.Name} ends"));
        }
    }

    private void CheckTime(string timeHint)
    {
        var gives = TimeFieldSet.None;
        foreach (TemplateStep s in _steps)
        {
            if (s.IsLiteral)
            {
                continue;
            }

            gives |= s.Field switch
            {
                FieldKind.ClfTime or FieldKind.IsoTime or FieldKind.EpochSeconds or FieldKind.EpochMillis or FieldKind.EpochMicros => TimeFieldSet.Absolute,
                FieldKind.StrftimeTime => s.Time!.Gives,
                _ => TimeFieldSet.None,
            };
        }

        if (gives == TimeFieldSet.None)
        {
            throw new FormatException($"the format has no time field ({timeHint})");
        }

        if ((gives & TimeFieldSet.Absolute) == 0 && (gives & TimeFieldSet.Date) != TimeFieldSet.Date)
        {
            throw new FormatException("the format's time fields give no full date (they need a year, a month and a day, or %s)");
        }
    }
}

using System.Globalization;
using System.Text.RegularExpressions;
using RxLog.Aggregation;
using RxLog.Cli;

namespace RxLog.Alerting.Rules;

/// <summary>Reads a rules file (CONTRACT.md "Rules") into a checked <see cref="RuleSet"/>: every key known, every value
/// in range, names unique, or one error naming the line and column.</summary>
public static partial class RulesFile
{
    private static readonly string[] Kinds = ["rate", "ratio", "latency", "silence"];
    private static readonly string[] Keys =
        ["name", "rate", "ratio", "latency", "silence", "window", "section", "status", "client", "source", "min_hits",
         "percentile", "for", "labels", "summary", "off"];
    private static readonly string[] HighTrafficKeys = ["name", "rate", "window", "labels", "summary", "off"];

    /// <summary>Reads <paramref name="path"/>; false with <c>path:LINE:COLUMN: reason</c> (or <c>path: reason</c>) when
    /// it cannot be read or used.</summary>
    /// <param name="window">The built-in window (<c>--window</c>): every rule's default.</param>
    /// <param name="threshold">The built-in threshold (<c>--threshold</c>).</param>
    public static bool TryLoad(string path, double threshold, int window, out RuleSet? rules, out string? error)
    {
        rules = null;
        error = null;
        try
        {
            using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
            rules = Read(reader, threshold, window);
            return true;
        }
        catch (RulesFileException problem)
        {
            error = $"{path}:{problem.Line}:{problem.Column}: {problem.Message}";
        }
        catch (Exception problem) when (problem is IOException or UnauthorizedAccessException)
        {
            error = $"{path}: cannot read it: {problem.Message}";
        }
        return false;
    }

    /// <summary>The rules in <paramref name="reader"/>.</summary>
    /// <exception cref="RulesFileException">Anything that makes the file unusable, with its position.</exception>
    public static RuleSet Read(TextReader reader, double threshold, int window)
    {
        var text = reader.ReadToEnd();
        int tab = IndentTab(text);
        if (tab > 0) throw new RulesFileException(tab, 1, "a tab in the indentation: YAML indents with spaces");
        var root = YamlNode.ReadDocument(new StringReader(text))
            ?? throw new RulesFileException(1, 1, "empty: expected 'rules:' and a list of rules");
        if (root is not YamlMapping top)
            throw new RulesFileException(root.Line, root.Column, "expected 'rules:' and a list of rules");
        YamlSequence? list = null;
        foreach (var (key, value) in top.Pairs)
        {
            if (key.Value != "rules") throw Unknown(key, ["rules"]);
            if (list is not null) throw new RulesFileException(key.Line, key.Column, "'rules' given twice");
            list = value as YamlSequence
                ?? (value is YamlScalar { Value: "", Plain: true } ? new YamlSequence([], value.Line, value.Column) : null)
                ?? throw new RulesFileException(value.Line, value.Column, "'rules' must be a list (each rule starts with '- ')");
        }
        if (list is null) throw new RulesFileException(top.Line, top.Column, "expected 'rules:' and a list of rules");

        var own = new List<AlertRule>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        AlertRule? highTraffic = null;
        bool highTrafficOff = false;
        foreach (var item in list.Items)
        {
            if (item is not YamlMapping rule)
                throw new RulesFileException(item.Line, item.Column, "each rule is a mapping (name: …, rate: …)");
            var fields = Fields(rule);
            var name = fields.TryGetValue("name", out var n) ? Text(n, "name")
                : throw new RulesFileException(rule.Line, rule.Column, "a rule without a name");
            if (!NamePattern().IsMatch(name.Value))
                throw new RulesFileException(name.Line, name.Column, $"name: '{name.Value}' must be lower-case letters, digits and _");
            if (!names.Add(name.Value))
                throw new RulesFileException(name.Line, name.Column, $"name: '{name.Value}' is already the name of a rule above");
            if (name.Value == AlertRule.HighTrafficName)
            {
                (highTraffic, highTrafficOff) = ReadHighTraffic(fields, threshold, window);
                continue;
            }
            own.Add(ReadRule(rule, fields, name.Value, window));
        }
        return new RuleSet(own, highTraffic, highTrafficOff);
    }

    private static (AlertRule? Rule, bool Off) ReadHighTraffic(Dictionary<string, YamlNode> fields, double threshold, int window)
    {
        foreach (var (key, value) in fields)
            if (Array.IndexOf(HighTrafficKeys, key) < 0)
                throw new RulesFileException(value.Line, value.Column,
                    $"{key}: the built-in high_traffic rule takes only rate, window, labels, summary or off (give other scopes and kinds a rule of their own)");
        if (fields.TryGetValue("off", out var off) && Bool(off, "off"))
        {
            if (fields.Count > 2)
                throw new RulesFileException(off.Line, off.Column, "off: a rule turned off takes nothing but its name");
            return (null, true);
        }
        double rate = fields.TryGetValue("rate", out var r) ? NonNegative(r, "rate") : threshold;
        int w = fields.TryGetValue("window", out var wn) ? Duration(wn, "window") : window;
        return (new AlertRule(AlertRule.HighTrafficName, RuleKind.Rate, rate, w, RuleScope.All,
            Labels: fields.TryGetValue("labels", out var l) ? Labels(l) : null,
            Summary: fields.TryGetValue("summary", out var s) ? Text(s, "summary").Value : null), false);
    }

    private static AlertRule ReadRule(YamlMapping rule, Dictionary<string, YamlNode> fields, string name, int window)
    {
        var kinds = Kinds.Where(fields.ContainsKey).ToList();
        if (kinds.Count == 0)
            throw new RulesFileException(rule.Line, rule.Column, $"rule '{name}' needs one of rate, ratio, latency or silence");
        if (kinds.Count > 1)
        {
            var second = fields[kinds[1]];
            throw new RulesFileException(second.Line, second.Column, $"rule '{name}' has both {kinds[0]} and {kinds[1]}: one kind per rule");
        }
        if (fields.TryGetValue("off", out var off))
            throw new RulesFileException(off.Line, off.Column, "off: only the built-in high_traffic rule can be turned off (delete the rule instead)");

        string kindName = kinds[0];
        var kindNode = fields[kindName];
        RuleKind kind;
        double threshold;
        int w = window;
        switch (kindName)
        {
            case "rate":
                (kind, threshold) = (RuleKind.Rate, NonNegative(kindNode, "rate"));
                break;
            case "ratio":
                (kind, threshold) = (RuleKind.Ratio, Ratio(kindNode));
                break;
            case "latency":
                (kind, threshold) = (RuleKind.Latency, Latency(kindNode));
                break;
            default:
                kind = RuleKind.Silence;
                w = Duration(kindNode, "silence");
                threshold = w;
                if (fields.TryGetValue("window", out var both))
                    throw new RulesFileException(both.Line, both.Column, "window: a silence rule's window is its duration; remove window");
                break;
        }
        if (kind != RuleKind.Silence && fields.TryGetValue("window", out var wn)) w = Duration(wn, "window");
        if (fields.TryGetValue("min_hits", out var mh) && kind is not (RuleKind.Ratio or RuleKind.Latency))
            throw new RulesFileException(mh.Line, mh.Column, "min_hits: only ratio and latency rules take it");
        if (fields.TryGetValue("percentile", out var pc) && kind != RuleKind.Latency)
            throw new RulesFileException(pc.Line, pc.Column, "percentile: only latency rules take it");

        var scope = new RuleScope(
            fields.TryGetValue("section", out var section) ? Section(section) : null,
            fields.TryGetValue("status", out var status) ? Status(status) : null,
            fields.TryGetValue("client", out var client) ? NonEmpty(client, "client") : null,
            fields.TryGetValue("source", out var source) ? NonEmpty(source, "source") : null);
        if (kind == RuleKind.Ratio && scope.IsAll)
            throw new RulesFileException(kindNode.Line, kindNode.Column,
                "ratio: a ratio rule needs a scope (section, status, client or source): with none every hit matches");
        return new AlertRule(name, kind, threshold, w, scope,
            MinHits: mh is null ? 1 : WholeNumber(mh, "min_hits", 1),
            Percentile: pc is null ? 95 : Percentile(pc),
            ForSeconds: fields.TryGetValue("for", out var f) ? Duration(f, "for") : 0,
            Labels: fields.TryGetValue("labels", out var l) ? Labels(l) : null,
            Summary: fields.TryGetValue("summary", out var s) ? Text(s, "summary").Value : null);
    }

    private static Dictionary<string, YamlNode> Fields(YamlMapping rule)
    {
        var fields = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (key, value) in rule.Pairs)
        {
            if (Array.IndexOf(Keys, key.Value) < 0) throw Unknown(key, Keys);
            if (!fields.TryAdd(key.Value, value))
                throw new RulesFileException(key.Line, key.Column, $"'{key.Value}' given twice in one rule");
        }
        return fields;
    }

    private static RulesFileException Unknown(YamlScalar key, string[] known)
    {
        var near = known.OrderBy(k => Distance(k, key.Value)).First();
        string hint = Distance(near, key.Value) <= 2 ? $" (did you mean '{near}'?)" : $" (known: {string.Join(", ", known)})";
        return new RulesFileException(key.Line, key.Column, $"unknown key '{Shown(key.Value)}'{hint}");
    }

    private static YamlScalar Text(YamlNode node, string key) => node as YamlScalar
        ?? throw new RulesFileException(node.Line, node.Column, $"{key}: expected a single value");

    private static string NonEmpty(YamlNode node, string key)
    {
        var text = Text(node, key);
        return text.Value.Trim().Length > 0 ? text.Value.Trim()
            : throw new RulesFileException(node.Line, node.Column, $"{key}: empty");
    }

    private static double Number(YamlNode node, string key)
    {
        var text = Text(node, key);
        return double.TryParse(text.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw new RulesFileException(node.Line, node.Column, $"{key}: expected a number, got '{Shown(text.Value)}'");
    }

    private static double NonNegative(YamlNode node, string key)
    {
        double value = Number(node, key);
        return value >= 0 ? value : throw new RulesFileException(node.Line, node.Column, $"{key}: must be 0 or more, got {Shown(Text(node, key).Value)}");
    }

    // 0.05 or 5%
    private static double Ratio(YamlNode node)
    {
        var text = Text(node, "ratio").Value.Trim();
        bool percent = text.EndsWith('%');
        double value = double.TryParse(percent ? text[..^1] : text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)
            ? (percent ? v / 100 : v)
            : throw new RulesFileException(node.Line, node.Column, $"ratio: expected a fraction like 0.05 or 5%, got '{Shown(text)}'");
        return value is >= 0 and < 1 ? value
            : throw new RulesFileException(node.Line, node.Column, $"ratio: must be at least 0 and below 1 (0.05 or 5%), got '{Shown(text)}'");
    }

    private static double Percentile(YamlNode node)
    {
        double value = Number(node, "percentile");
        return value is > 0 and <= 100 ? value
            : throw new RulesFileException(node.Line, node.Column, $"percentile: must be above 0 and at most 100, got {Shown(Text(node, "percentile").Value)}");
    }

    private static long WholeNumber(YamlNode node, string key, long least)
    {
        var text = Text(node, key).Value.Trim();
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= least
            ? value
            : throw new RulesFileException(node.Line, node.Column, $"{key}: expected a whole number of at least {least}, got '{Shown(text)}'");
    }

    private static int Duration(YamlNode node, string key)
    {
        var text = Text(node, key).Value;
        return DurationParser.TryParse(text, out int seconds) && seconds <= CliOptions.MaxDurationSeconds ? seconds
            : throw new RulesFileException(node.Line, node.Column,
                $"{key}: expected a duration from 1 s to 24h like 30, 90s, 2m or 1m30s, got '{Shown(text)}'");
    }

    // 250ms, 1.5s, 800us, 2m: a unit is required (a bare 250 could be seconds or milliseconds).
    private static double Latency(YamlNode node)
    {
        var text = Text(node, "latency").Value.Trim();
        var match = LatencyPattern().Match(text);
        if (!match.Success || !double.TryParse(match.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            throw new RulesFileException(node.Line, node.Column, $"latency: expected a time with its unit like 250ms, 1.5s or 800us, got '{Shown(text)}'");
        double micros = value * match.Groups[2].Value switch { "us" or "µs" => 1, "ms" => 1e3, "s" => 1e6, _ => 60e6 };
        return micros > 0 && micros < ResponseTimeHistogram.TopMicros ? micros
            : throw new RulesFileException(node.Line, node.Column, $"latency: must be above 0 and below 71 minutes, got '{Shown(text)}'");
    }

    private static bool Bool(YamlNode node, string key) => Text(node, key).Value switch
    {
        "true" or "True" or "yes" => true,
        "false" or "False" or "no" => false,
        var other => throw new RulesFileException(node.Line, node.Column, $"{key}: expected true or false, got '{Shown(other)}'"),
    };

    private static StatusMatch Status(YamlNode node)
    {
        var text = Text(node, "status").Value;
        return StatusMatch.TryParse(text, out var status) ? status
            : throw new RulesFileException(node.Line, node.Column, $"status: expected a code like 404 or a class like 5xx, got '{Shown(text)}'");
    }

    // Sections are paths up to their second '/', or absolute URIs up to the first '/' after the host: a pattern that
    // no section can take is refused rather than left to never fire.
    private static string Section(YamlNode node)
    {
        var text = NonEmpty(node, "section");
        bool uri = text.Contains("://", StringComparison.Ordinal);
        if (!uri && text[0] is not ('/' or '*'))
            throw new RulesFileException(node.Line, node.Column, $"section: '{Shown(text)}' cannot match: sections start with / (like /api) or are absolute URIs");
        if (!uri && text.IndexOf('/', 1) > 0)
            throw new RulesFileException(node.Line, node.Column,
                $"section: '{Shown(text)}' cannot match: a section ends before the path's second / (/pages/create counts as /pages)");
        return text;
    }

    private static IReadOnlyList<KeyValuePair<string, string>> Labels(YamlNode node)
    {
        if (node is not YamlMapping labels)
            throw new RulesFileException(node.Line, node.Column, "labels: expected a mapping like {severity: page}");
        var result = new List<KeyValuePair<string, string>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in labels.Pairs)
        {
            if (!LabelPattern().IsMatch(key.Value) || key.Value.StartsWith("__", StringComparison.Ordinal))
                throw new RulesFileException(key.Line, key.Column,
                    $"labels: '{Shown(key.Value)}' is not a label name (letters, digits and _, not starting with a digit or __)");
            if (!seen.Add(key.Value)) throw new RulesFileException(key.Line, key.Column, $"labels: '{key.Value}' given twice");
            result.Add(new(key.Value, Text(value, "labels." + key.Value).Value));
        }
        return result;
    }

    // The first line (1-based) whose indentation holds a tab; 0 when none does.
    private static int IndentTab(string text)
    {
        int line = 1;
        bool indent = true;
        foreach (char c in text)
        {
            if (c == '\n')
            {
                line++;
                indent = true;
            }
            else if (indent && c == '\t') return line;
            else if (c != ' ') indent = false;
        }
        return 0;
    }

    // A value from the file, shown in an error: one line, no control characters, not too long.
    private static string Shown(string text)
    {
        var clean = Rendering.TerminalText.Sanitize(text);
        return clean.Length <= 60 ? clean : clean[..57] + "...";
    }

    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (int i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            previous = current;
        }
        return previous[b.Length];
    }

    [GeneratedRegex("^[a-z0-9_]+$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]*$")]
    private static partial Regex LabelPattern();

    [GeneratedRegex(@"^([0-9]+(?:\.[0-9]+)?)\s*(us|µs|ms|s|m)$")]
    private static partial Regex LatencyPattern();
}

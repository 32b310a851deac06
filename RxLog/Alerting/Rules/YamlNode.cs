using SharpYaml;
using SharpYaml.Events;

namespace RxLog.Alerting.Rules;

/// <summary>A YAML node with where it starts (1-based line and column), read from SharpYaml's event parser: no
/// reflection, so it trims, and every value keeps its position for the one-line errors of a rules file.</summary>
internal abstract record YamlNode(int Line, int Column)
{
    /// <summary>The single document of <paramref name="reader"/>; null for an empty stream.</summary>
    /// <exception cref="RulesFileException">Not YAML, several documents, anchors or aliases, or nesting too deep.</exception>
    public static YamlNode? ReadDocument(TextReader reader)
    {
        var parser = Parser.CreateParser(reader);
        try
        {
            Expect<StreamStart>(parser);
            var first = Next(parser);
            if (first is StreamEnd) return null;
            var root = ReadNode(parser, first, depth: 0);
            Expect<DocumentEnd>(parser);
            if (Next(parser) is not StreamEnd)
                throw new RulesFileException(parser.Current!.Start.Line + 1, parser.Current.Start.Column + 1,
                    "one YAML document only (found a second after ---)");
            return root;
        }
        catch (YamlException error)
        {
            throw new RulesFileException(error.Start.Line + 1, error.Start.Column + 1, "not valid YAML: " + Reason(error.Message));
        }
    }

    private static YamlNode ReadNode(IParser parser, ParsingEvent at, int depth)
    {
        if (depth > 16) throw Error(at, "nested too deep");
        switch (at)
        {
            case AnchorAlias:
                throw Error(at, "anchors and aliases are not supported in a rules file");
            case NodeEvent { Anchor: not null and not "" }:
                throw Error(at, "anchors and aliases are not supported in a rules file");
            case Scalar scalar:
                return new YamlScalar(scalar.Value, scalar.Style == ScalarStyle.Plain, LineOf(at), ColumnOf(at));
            case SequenceStart:
            {
                var items = new List<YamlNode>();
                for (var next = Next(parser); next is not SequenceEnd; next = Next(parser))
                    items.Add(ReadNode(parser, next, depth + 1));
                return new YamlSequence(items, LineOf(at), ColumnOf(at));
            }
            case MappingStart:
            {
                var pairs = new List<(YamlScalar, YamlNode)>();
                for (var next = Next(parser); next is not MappingEnd; next = Next(parser))
                {
                    if (ReadNode(parser, next, depth + 1) is not YamlScalar key) throw Error(next, "a key must be a plain word");
                    pairs.Add((key, ReadNode(parser, Next(parser), depth + 1)));
                }
                return new YamlMapping(pairs, LineOf(at), ColumnOf(at));
            }
            default:
                throw Error(at, "unexpected " + at.GetType().Name);
        }
    }

    private static ParsingEvent Next(IParser parser)
    {
        if (!parser.MoveNext()) throw new RulesFileException(1, 1, "not valid YAML: ends too early");
        var current = parser.Current!;
        return current is DocumentStart ? Next(parser) : current;
    }

    private static void Expect<T>(IParser parser) where T : ParsingEvent
    {
        if (Next(parser) is not T) throw Error(parser.Current!, "not valid YAML");
    }

    private static RulesFileException Error(ParsingEvent at, string message) => new(LineOf(at), ColumnOf(at), message);

    private static int LineOf(ParsingEvent at) => at.Start.Line + 1;

    private static int ColumnOf(ParsingEvent at) => at.Start.Column + 1;

    // SharpYaml's messages start with "(Lin: 1, Col: 0, Chr: 7) - (Lin: …): "; the position is given separately.
    private static string Reason(string message)
    {
        int at = message.IndexOf("): ", StringComparison.Ordinal);
        string reason = at >= 0 && message.StartsWith("(Lin", StringComparison.Ordinal) ? message[(at + 3)..] : message;
        return reason.TrimEnd('.').Replace("find character", "found a character", StringComparison.Ordinal);
    }
}

internal sealed record YamlScalar(string Value, bool Plain, int Line, int Column) : YamlNode(Line, Column);

internal sealed record YamlSequence(IReadOnlyList<YamlNode> Items, int Line, int Column) : YamlNode(Line, Column);

internal sealed record YamlMapping(IReadOnlyList<(YamlScalar Key, YamlNode Value)> Pairs, int Line, int Column)
    : YamlNode(Line, Column);

/// <summary>A rules file that cannot be used: where (1-based line and column) and why, in words for one line.</summary>
public sealed class RulesFileException(int line, int column, string reason) : Exception(reason)
{
    public int Line { get; } = line;
    public int Column { get; } = column;
}

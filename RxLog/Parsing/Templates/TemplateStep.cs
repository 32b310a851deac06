namespace RxLog.Parsing.Templates;

/// <summary>Parsing stage: one step of a compiled log format: literal text that must match exactly, or a field.</summary>
internal sealed class TemplateStep
{
    private TemplateStep(byte[]? literal, FieldKind field, string name, StrftimeTime? time)
    {
        Literal = literal;
        Field = field;
        Name = name;
        Time = time;
        Clf = field == FieldKind.ClfTime ? new ClfTimeCache() : null;
    }

    /// <summary>The text to match, for a literal step; null for a field.</summary>
    public byte[]? Literal { get; }

    /// <summary>What the field holds (meaningless for a literal).</summary>
    public FieldKind Field { get; set; }

    /// <summary>The variable or directive as written (<c>$status</c>, <c>%&gt;s</c>), for messages.</summary>
    public string Name { get; }

    /// <summary>The pattern of a <see cref="FieldKind.StrftimeTime"/> field.</summary>
    public StrftimeTime? Time { get; }

    /// <summary>Where a delimited field ends: the next literal's bytes (<c>/</c> before a path field, which the
    /// path then keeps); null when the field is last in the format. Set when the format is built.</summary>
    public byte[]? Terminator { get; set; }

    /// <summary>The terminator starts with a quote: scan for it honouring <c>\"</c> and <c>\\</c>.</summary>
    public bool QuoteAware => Terminator is [(byte)'"', ..];

    /// <summary>The previous minute of a <see cref="FieldKind.ClfTime"/> field (per parser, so per step).</summary>
    public ClfTimeCache? Clf { get; }

    public bool IsLiteral => Literal is not null;

    /// <summary>The field's end is found by its own syntax, not by the next literal.</summary>
    public bool IsSelfDelimiting => Literal is null && Field is not (FieldKind.Skip or FieldKind.Token or FieldKind.Client or FieldKind.Request or FieldKind.Path);

    public static TemplateStep ForLiteral(byte[] text) => new(text, FieldKind.Skip, "", null);

    public static TemplateStep ForField(FieldKind field, string name, StrftimeTime? time = null) => new(null, field, name, time);

    public override string ToString() => Literal is null ? Name : $"'{System.Text.Encoding.UTF8.GetString(Literal)}'";
}

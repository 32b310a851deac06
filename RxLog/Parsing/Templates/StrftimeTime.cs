using System.Text;

namespace RxLog.Parsing.Templates;

/// <summary>Parsing stage: reads times written with a strftime pattern (<c>%d/%b/%Y:%H:%M:%S %z</c>,
/// <c>%Y-%m-%d %H:%M:%S</c>, <c>%s</c>) from UTF-8 bytes; <c>--time-format</c> and Apache <c>%{format}t</c>.</summary>
/// <remarks>
/// Supported: <c>%Y %y %m %d %e %H %I %M %S %p %b %B %h %a %A %z %Z %s %f %N %T %D %F %R %n %t %%</c>.
/// <c>%z</c> takes <c>+0330</c>, <c>-07:00</c>, <c>+05</c> and <c>Z</c>; <c>%Z</c> takes only <c>UTC</c>, <c>GMT</c>
/// and <c>Z</c>; <c>%f</c>/<c>%N</c> fractions and weekday names are read and ignored. <b>A pattern without
/// <c>%z</c>/<c>%Z</c> reads times as UTC.</b> Numbers take up to their usual width (<c>%Y</c> four digits, others
/// two), so compact patterns like <c>%Y%m%d%H%M%S</c> work. Literal text must match exactly.
/// Unsupported directives (<c>%j %U %W %c %x %X</c> …) are a <see cref="FormatException"/> at compile time.
/// </remarks>
public sealed class StrftimeTime
{
    private readonly Item[] _items;

    private StrftimeTime(string format, Item[] items, TimeFieldSet gives)
    {
        Format = format;
        _items = items;
        Gives = gives;
    }

    /// <summary>The pattern as given.</summary>
    public string Format { get; }

    /// <summary>Which parts of a timestamp the pattern supplies.</summary>
    internal TimeFieldSet Gives { get; }

    /// <summary>Compiles <paramref name="format"/>; throws <see cref="FormatException"/> naming an unsupported directive.</summary>
    public static StrftimeTime Compile(string format)
    {
        ArgumentNullException.ThrowIfNull(format);
        var items = new List<Item>();
        var literal = new StringBuilder();
        TimeFieldSet gives = 0;
        Expand(format, items, literal, ref gives);
        Flush(items, literal);
        if (items.Count == 0)
        {
            throw new FormatException("the time format is empty");
        }

        return new StrftimeTime(format, [.. items], gives);
    }

    /// <summary>Parses all of <paramref name="text"/> as one complete timestamp (UTC when the pattern has no zone);
    /// false when it does not match or gives no full date.</summary>
    public bool TryParse(ReadOnlySpan<byte> text, out long unixSeconds, out short offsetMinutes)
    {
        var parts = default(TimeParts);
        if (TryRead(text, ref parts, out int used) && used == text.Length)
        {
            return parts.TryResolve(out unixSeconds, out offsetMinutes);
        }

        unixSeconds = 0;
        offsetMinutes = 0;
        return false;
    }

    /// <summary>Reads the pattern from the front of <paramref name="text"/> into <paramref name="parts"/>; never throws.</summary>
    internal bool TryRead(ReadOnlySpan<byte> text, ref TimeParts parts, out int used)
    {
        int pos = 0;
        used = 0;
        foreach (Item item in _items)
        {
            ReadOnlySpan<byte> rest = text[pos..];
            int n;
            if (item.Literal is { } literal)
            {
                if (!rest.StartsWith(literal))
                {
                    return false;
                }

                n = literal.Length;
            }
            else if (!StrftimeDirectives.TryRead(item.Directive, rest, ref parts, out n))
            {
                return false;
            }

            pos += n;
        }

        used = pos;
        return true;
    }

    private static void Expand(string format, List<Item> items, StringBuilder literal, ref TimeFieldSet gives)
    {
        for (int i = 0; i < format.Length; i++)
        {
            char c = format[i];
            if (c != '%')
            {
                literal.Append(c);
                continue;
            }

            if (++i == format.Length)
            {
                throw new FormatException("the time format ends with a lone '%'");
            }

            char d = format[i];
            string? composite = d switch
            {
                'T' => "%H:%M:%S",
                'D' => "%m/%d/%y",
                'F' => "%Y-%m-%d",
                'R' => "%H:%M",
                _ => null,
            };
            if (composite is not null)
            {
                Expand(composite, items, literal, ref gives);
            }
            else if (d == '%')
            {
                literal.Append('%');
            }
            else if (StrftimeDirectives.Gives(d) is { } fields)
            {
                Flush(items, literal);
                items.Add(new Item(d, null));
                gives |= fields;
            }
            else
            {
                throw new FormatException($"unsupported strftime directive %{d} in time format '{format}'");
            }
        }
    }

    private static void Flush(List<Item> items, StringBuilder literal)
    {
        if (literal.Length > 0)
        {
            items.Add(new Item('\0', Encoding.UTF8.GetBytes(literal.ToString())));
            literal.Clear();
        }
    }

    // A literal (Literal set) or one directive letter.
    private readonly record struct Item(char Directive, byte[]? Literal);
}

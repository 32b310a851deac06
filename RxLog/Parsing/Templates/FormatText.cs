using System.Text;

namespace RxLog.Parsing.Templates;

/// <summary>Parsing stage: cleans a <c>--log-format</c> string pasted from a config file and tells its dialect.</summary>
/// <remarks>
/// Accepted wrappings: the whole <c>LogFormat "…" nickname</c> line of httpd.conf (its first quoted argument is
/// used); <c>log_format name [escape=…]</c> from nginx.conf, with its trailing <c>;</c>; nginx's several quoted
/// pieces <c>'$remote_addr - … ' '"$http_user_agent"'</c> (joined); one pair of surrounding single quotes; one pair
/// of surrounding double quotes when no unescaped quote is inside. Config escapes <c>\"</c>, <c>\'</c>, <c>\\</c> and
/// <c>\t</c> are undone.
/// </remarks>
internal static class FormatText
{
    public enum Dialect : byte { None, Nginx, Apache }

    /// <summary>The format text with its config-file wrapping removed.</summary>
    public static string Clean(string format)
    {
        string text = format.Trim();
        if (StartsWithWord(text, "LogFormat") && FirstQuoted(text) is { } quoted)
        {
            return Unescape(quoted);
        }

        if (StartsWithWord(text, "log_format"))
        {
            text = text.TrimEnd(';', ' ', '\t', '\r', '\n');
            text = DropWords(text, 2);
            if (text.StartsWith("escape=", StringComparison.Ordinal)) text = DropWords(text, 1);
        }
        else if (text.EndsWith(';') && text.Length > 1 && text[^2] is '\'' or '"')
        {
            text = text[..^1].TrimEnd();
        }

        if (JoinedPieces(text) is { } joined)
        {
            return Unescape(joined);
        }

        if (text.Length >= 2 && text[0] == '"' && text[^1] == '"' && !HasUnescapedQuote(text[1..^1]))
        {
            text = text[1..^1];
        }

        return Unescape(text);
    }

    /// <summary>nginx when a <c>$name</c> comes before any Apache <c>%</c> directive, Apache when a directive comes first.</summary>
    public static Dialect Detect(string text)
    {
        for (int i = 0; i + 1 < text.Length; i++)
        {
            if (text[i] == '%' && (char.IsAsciiLetter(text[i + 1]) || text[i + 1] is '{' or '>' or '<' or '!' or '^' || char.IsAsciiDigit(text[i + 1])))
            {
                return Dialect.Apache;
            }

            if (NginxFormat.TryVariable(text, i, out _, out _))
            {
                return Dialect.Nginx;
            }
        }

        return Dialect.None;
    }

    // 'a' 'b' 'c' (single-quoted pieces separated by blanks) → abc; null when the text is not only such pieces.
    private static string? JoinedPieces(string text)
    {
        if (text.Length < 2 || text[0] != '\'')
        {
            return null;
        }

        var joined = new StringBuilder();
        int i = 0;
        while (i < text.Length)
        {
            if (text[i] != '\'')
            {
                return null;
            }

            int close = i + 1;
            while (close < text.Length && text[close] != '\'')
            {
                close += text[close] == '\\' ? 2 : 1;
            }

            if (close >= text.Length)
            {
                return null;
            }

            joined.Append(text, i + 1, close - i - 1);
            i = close + 1;
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }
        }

        return joined.ToString();
    }

    private static string? FirstQuoted(string text)
    {
        int open = text.IndexOf('"');
        if (open < 0)
        {
            return null;
        }

        for (int i = open + 1; i < text.Length; i++)
        {
            if (text[i] == '\\') i++;
            else if (text[i] == '"') return text[(open + 1)..i];
        }

        return null;
    }

    private static bool HasUnescapedQuote(string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\') i++;
            else if (text[i] == '"') return true;
        }

        return false;
    }

    private static string Unescape(string text)
    {
        if (!text.Contains('\\', StringComparison.Ordinal))
        {
            return text;
        }

        var result = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            char next = i + 1 < text.Length ? text[i + 1] : '\0';
            if (text[i] == '\\' && next is '"' or '\'' or '\\' or 't')
            {
                result.Append(next == 't' ? '\t' : next);
                i++;
            }
            else
            {
                result.Append(text[i]);
            }
        }

        return result.ToString();
    }

    private static bool StartsWithWord(string text, string word) =>
        text.StartsWith(word, StringComparison.OrdinalIgnoreCase) && text.Length > word.Length && char.IsWhiteSpace(text[word.Length]);

    private static string DropWords(string text, int count)
    {
        for (int n = 0; n < count; n++)
        {
            int blank = text.IndexOfAny([' ', '\t', '\r', '\n']);
            text = blank < 0 ? "" : text[blank..].TrimStart();
        }

        return text;
    }
}

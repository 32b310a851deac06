using System.Buffers;
using System.Text;

namespace RxLog.Rendering;

/// <summary>Makes log text safe to print on a terminal (Rendering stage): every string read from a log goes through
/// <see cref="Sanitize"/> before it reaches a screen, so a log line can neither drive the terminal nor forge a line.</summary>
/// <remarks>
/// Escaped, as visible ASCII (hex digits lowercase):
/// <list type="bullet">
/// <item>C0 controls U+0000–U+001F (NUL, BEL, BS, TAB, LF, CR, ESC, …) and DEL → <c>\x1b</c>, <c>\x7f</c>;</item>
/// <item>C1 controls U+0080–U+009F (8-bit CSI, NEL, …) → <c>\u009b</c>;</item>
/// <item>bidi controls U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069 (Trojan Source) → <c>\u202e</c>;</item>
/// <item>line and paragraph separators U+2028, U+2029, which some viewers break lines on → <c>\u2028</c>;</item>
/// <item>lone surrogates (not valid text; a pair is kept) → <c>\ud800</c>.</item>
/// </list>
/// U+FFFD (the replacement for invalid UTF-8, decoded upstream) and all other printable text is kept as written.
/// A backslash is kept as is, never doubled: the web servers themselves write control bytes as <c>\xhh</c>
/// (Apache, nginx), so a raw ESC and one the server escaped look the same, which is what a reader wants. The text
/// shown is for reading; the exact bytes are in <c>--json</c> and <c>--rejects</c>.
/// </remarks>
public static class TerminalText
{
    // Every char that may need escaping; surrogates are in the set so pairs can be checked, and kept when valid.
    private static readonly SearchValues<char> Suspects = SearchValues.Create(BuildSuspects());

    /// <summary>Returns <paramref name="text"/> with controls escaped; the same instance when nothing needs it.</summary>
    public static string Sanitize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int first = IndexOfUnsafe(text, 0);
        return first < 0 ? text : Escape(text, first);
    }

    /// <summary>True when <paramref name="text"/> holds nothing <see cref="Sanitize"/> would escape.</summary>
    public static bool IsSafe(string text) => IndexOfUnsafe(text, 0) < 0;

    private static int IndexOfUnsafe(string text, int start)
    {
        ReadOnlySpan<char> span = text.AsSpan();
        int i = start;
        while (i < span.Length)
        {
            int found = span[i..].IndexOfAny(Suspects);
            if (found < 0)
            {
                return -1;
            }

            i += found;
            if (char.IsHighSurrogate(span[i]) && i + 1 < span.Length && char.IsLowSurrogate(span[i + 1]))
            {
                i += 2; // a valid pair (emoji, CJK extension): printable
                continue;
            }

            return i;
        }

        return -1;
    }

    private static string Escape(string text, int first)
    {
        var sb = new StringBuilder(text.Length + 16);
        sb.Append(text, 0, first);
        int i = first;
        while (i < text.Length)
        {
            int next = IndexOfUnsafe(text, i);
            if (next < 0)
            {
                sb.Append(text, i, text.Length - i);
                break;
            }

            sb.Append(text, i, next - i);
            char c = text[next];
            if (c < 0x20 || c == 0x7F)
            {
                sb.Append("\\x").Append(HexDigit(c >> 4)).Append(HexDigit(c & 0xF));
            }
            else
            {
                sb.Append("\\u")
                    .Append(HexDigit(c >> 12)).Append(HexDigit((c >> 8) & 0xF))
                    .Append(HexDigit((c >> 4) & 0xF)).Append(HexDigit(c & 0xF));
            }

            i = next + 1;
        }

        return sb.ToString();
    }

    private static char HexDigit(int value) => (char)(value < 10 ? '0' + value : 'a' + value - 10);

    private static string BuildSuspects()
    {
        var sb = new StringBuilder();
        for (char c = '\0'; c < ' '; c++)
        {
            sb.Append(c);
        }

        for (char c = '\u007F'; c <= '\u009F'; c++)
        {
            sb.Append(c);
        }

        sb.Append('\u061C').Append('\u200E').Append('\u200F');
        for (char c = '\u2028'; c <= '\u202E'; c++)
        {
            sb.Append(c);
        }

        for (char c = '\u2066'; c <= '\u2069'; c++)
        {
            sb.Append(c);
        }

        for (int c = 0xD800; c <= 0xDFFF; c++)
        {
            sb.Append((char)c);
        }

        return sb.ToString();
    }
}

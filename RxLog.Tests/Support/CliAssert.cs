namespace RxLog.Tests.Support;

/// <summary>Assertions shared by the command-line and end-to-end tests.</summary>
internal static class CliAssert
{
    /// <summary>Characters a log must never get onto a terminal (BAD-INPUTS.md B1–B6, B9): C0 controls except LF, DEL,
    /// C1 controls, bidi controls and line separators, lone surrogates.</summary>
    public static void NoControlCharacters(string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }
            bool bad = (c < 0x20 && c != '\n') || (c >= 0x7F && c <= 0x9F) || c is '\u061C' or '\u200E' or '\u200F'
                       || (c >= '\u2028' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069') || char.IsSurrogate(c);
            Assert.False(bad, $"control U+{(int)c:X4} at {i}: …{Context(text, i)}…");
        }
    }

    /// <summary>Exactly one stderr line besides the "format detected" notice, starting <c>rxlog: </c>, free of control
    /// characters; returns it.</summary>
    public static string OneErrorLine(CliResult result)
    {
        string[] lines = result.Problems.Split('\n');
        Assert.True(lines.Length == 2 && lines[1] == "", $"expected one stderr line, got: {result.Err}");
        Assert.StartsWith("rxlog: ", lines[0]);
        Assert.DoesNotContain("   at ", lines[0]);      // no stack trace
        Assert.DoesNotContain("Exception", lines[0]);
        NoControlCharacters(lines[0]);
        return lines[0];
    }

    private static string Context(string text, int i)
    {
        int start = Math.Max(0, i - 20);
        return text[start..Math.Min(text.Length, i + 20)].Replace("\u001b", "<ESC>", StringComparison.Ordinal);
    }
}

namespace RxLog.Tests.Support;

/// <summary>Assertions shared by the command-line and end-to-end tests.</summary>
internal static class CliAssert
{
    /// <summary>Characters a log must never get onto a terminal: C0 controls except LF, DEL, C1 controls and bidi
    /// overrides (BAD-INPUTS.md B1–B6, B9).</summary>
    public static void NoControlCharacters(string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            bool bad = (c < 0x20 && c != '\n') || (c >= 0x7F && c <= 0x9F) || c is '\u202E' or '\u202D' or '\u2066'
                or '\u2067' or '\u2068' or '\u2069';
            Assert.False(bad, $"control U+{(int)c:X4} at {i}: …{Context(text, i)}…");
        }
    }

    /// <summary>Exactly one stderr line, starting <c>rxlog: </c>, free of control characters; returns it.</summary>
    public static string OneErrorLine(CliResult result)
    {
        string[] lines = result.Err.Split('\n');
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

namespace RxLog.Tests.Rendering;

/// <summary>Assertions shared by the rendering tests.</summary>
internal static class RenderingAssert
{
    /// <summary>No char below 0x20 but LF, no DEL or C1, no bidi control or line separator, no lone surrogate.</summary>
    public static void TerminalSafe(string output)
    {
        for (int i = 0; i < output.Length; i++)
        {
            char c = output[i];
            bool bad = (c < 0x20 && c != '\n') || (c >= 0x7F && c <= 0x9F) || c is '\u061C' or '\u200E' or '\u200F'
                       || (c >= '\u2028' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
            if (char.IsHighSurrogate(c) && i + 1 < output.Length && char.IsLowSurrogate(output[i + 1]))
            {
                i++;
                continue;
            }

            Assert.False(bad || char.IsSurrogate(c), $"U+{(int)c:X4} at {i} in: {output}");
        }
    }
}

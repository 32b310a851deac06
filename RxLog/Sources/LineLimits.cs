namespace RxLog.Sources;

/// <summary>Limits every source applies to what it reads, so memory stays bounded whatever the input holds.</summary>
public static class LineLimits
{
    /// <summary>CONTRACT.md: a line longer than 64 KiB is invalid, and reading resumes at the next newline.
    /// A source passes on at most <c>MaxLineBytes + 1</c> bytes of such a line (then <c>\n</c>), so the
    /// parsing stage sees it is too long and counts it once.</summary>
    public const int MaxLineBytes = 64 * 1024;

    /// <summary>True when no line of <paramref name="lines"/> (whole lines, the last ending in <c>\n</c>) is longer
    /// than <see cref="MaxLineBytes"/>, found with a few vectorised searches per buffer instead of one per line.</summary>
    public static bool NoneTooLong(ReadOnlySpan<byte> lines)
    {
        // Every line starting at p must end by p + Max: the last '\n' in [p, p + Max] proves it for all lines up to it.
        for (int p = 0; p < lines.Length;)
        {
            int newline = lines.Slice(p, Math.Min(MaxLineBytes + 1, lines.Length - p)).LastIndexOf((byte)'\n');
            if (newline < 0) return false;
            p += newline + 1;
        }
        return true;
    }
}

namespace RxLog.Sources;

/// <summary>Limits every source applies to what it reads, so memory stays bounded whatever the input holds.</summary>
public static class LineLimits
{
    /// <summary>CONTRACT.md: a line longer than 64 KiB is invalid, and reading resumes at the next newline.
    /// A source passes on at most <c>MaxLineBytes + 1</c> bytes of such a line (then <c>\n</c>), so the
    /// parsing stage sees it is too long and counts it once.</summary>
    public const int MaxLineBytes = 64 * 1024;
}

namespace RxLog.Tests.Support;

/// <summary>One response as <see cref="HttpTestClient"/> read it: the exact text, and its parts.</summary>
/// <param name="Raw">Status line, headers and body exactly as received (Latin-1).</param>
/// <param name="Headers">Names compared without regard to case.</param>
internal sealed record HttpTestResponse(string Raw, string StatusLine, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public int Status => int.Parse(StatusLine.Split(' ')[1]);
}

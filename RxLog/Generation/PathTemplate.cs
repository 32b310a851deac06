using System.Text;

namespace RxLog.Generation;

/// <summary>A request path shape: fixed text, optionally an id in <c>[1, IdMax]</c> and more fixed text.</summary>
/// <param name="Prefix">Text before the id (the whole path when <paramref name="IdMax"/> is 0).</param>
/// <param name="IdMax">Largest id, or 0 for a path without one.</param>
/// <param name="Suffix">Text after the id.</param>
/// <param name="TypicalBytes">Mean response size for a 200.</param>
/// <param name="Writable">Whether POST/PUT/DELETE make sense here; other methods are sent as GET.</param>
/// <param name="Queryable">Whether a tracking query string may be appended.</param>
internal sealed record PathTemplate(string Prefix, int IdMax, string Suffix, int TypicalBytes, bool Writable, bool Queryable)
{
    public byte[] PrefixBytes { get; } = Encoding.UTF8.GetBytes(Prefix);

    public byte[] SuffixBytes { get; } = Encoding.UTF8.GetBytes(Suffix);

    public int MaxLength => PrefixBytes.Length + 10 + SuffixBytes.Length;
}

using RxLog.Parsing;
using RxLog.Tests.Support;

namespace RxLog.Tests.Parsing;

/// <summary>"The hot path allocates nothing per line": parses the lines once (interning sections), then measures the
/// fewest bytes allocated in three more passes (<see cref="Allocations"/>).</summary>
internal static class ParserAllocation
{
    /// <summary>Records parsed in a pass, and the fewest bytes a pass allocated on this thread.</summary>
    public static (int Records, long Allocated) OfThirdPass(ILogLineParser parser, IReadOnlyList<ReadOnlyMemory<byte>> lines)
    {
        int Parse()
        {
            int records = 0;
            for (int i = 0; i < lines.Count; i++)   // an index, not foreach: an interface enumerator is an allocation
            {
                records += parser.TryParse(lines[i].Span, out _) ? 1 : 0;
            }

            return records;
        }

        Parse();
        int parsed = 0;
        long allocated = Allocations.FewestInPasses(3, () => parsed = Parse());
        return (parsed, allocated);
    }

    /// <summary>The lines of <paramref name="log"/> (without their <c>\n</c>) as slices of it.</summary>
    public static ReadOnlyMemory<byte>[] Lines(byte[] log)
    {
        var lines = new List<ReadOnlyMemory<byte>>();
        for (int start = 0; start < log.Length;)
        {
            int end = Array.IndexOf(log, (byte)'\n', start);
            if (end < 0) end = log.Length;
            lines.Add(log.AsMemory(start, end - start));
            start = end + 1;
        }

        return [.. lines];
    }
}

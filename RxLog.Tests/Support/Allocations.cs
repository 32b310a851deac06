namespace RxLog.Tests.Support;

/// <summary>"Allocates nothing per item", measured so that only the code under test can fail it: the same work is
/// done in several passes and the pass that allocated least counts. Code that allocates per item allocates in every
/// pass; the runtime's own occasional allocation on the test thread (about 8 KB, seen once in a review run on a busy
/// machine, in a pass whose code allocates nothing) lands in one pass at most.</summary>
public static class Allocations
{
    /// <summary>The fewest bytes this thread allocated in one of <paramref name="passes"/> runs of
    /// <paramref name="pass"/>.</summary>
    public static long FewestInPasses(int passes, Action pass)
    {
        long fewest = long.MaxValue;
        for (int i = 0; i < passes; i++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            pass();
            fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return fewest;
    }
}

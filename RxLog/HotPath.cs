using System.Runtime.CompilerServices;

namespace RxLog;

/// <summary>How the per-line methods of <c>check</c> are compiled: <c>[MethodImpl(HotPath.FullyOptimized)]</c>.</summary>
/// <remarks>
/// A <c>check</c> of a gigabyte lasts about a second, and tiered compilation is tuned for longer lives: it holds back
/// call counting while start-up JIT work goes on, so the per-line code ran as ReadyToRun code (which may not inline
/// CoreLib's span helpers) calling tier-0 copies of those helpers for the first 40 % of a 5 M-line run (a perf
/// timeline, bench/README.md "Start-up and tiering"). Methods marked so are JIT-compiled fully optimised at their
/// first call instead (about 3 ms more start-up). In the shipped single-file binary the ReadyToRun code was nearly as
/// fast, so the gain there is small (2 % less CPU, 5 % less wall time over 15 interleaved runs); the timeline shows
/// the optimised code running from the first slice on.
/// <para>Only for code run once per line (or per slice) on that path; the rest stays ReadyToRun, for start-up. Such
/// methods get no dynamic PGO, which this project turns off anyway (<c>TieredPGO</c> false in RxLog.csproj).</para>
/// </remarks>
internal static class HotPath
{
    public const MethodImplOptions FullyOptimized = MethodImplOptions.AggressiveOptimization;
}

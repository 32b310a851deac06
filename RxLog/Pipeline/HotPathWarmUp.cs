using System.Text;
using RxLog.Parsing;
using RxLog.Rendering;
using RxLog.Sources;

namespace RxLog.Pipeline;

/// <summary><c>check</c>'s start-up on a machine with a spare core: the per-line methods, which are compiled fully
/// optimised at their first call (<see cref="HotPath.FullyOptimized"/>, some 20 ms of JIT work), are compiled on that
/// core while the main thread parses the command line, opens the file and detects the format, instead of in the
/// format detection and then in the first parsing worker, where every other core waits for them.</summary>
/// <remarks>It runs the workers' own code (<see cref="ChunkTally"/> over <see cref="CommonLogParser"/>) on a few
/// built-in lines, so exactly what a Common/Combined log needs gets compiled, and nothing is looked up by name. It
/// touches no state of the run: the parser and buffers are its own, and the worker's per-thread counts it uses are
/// cleared by every chunk. Other formats gain nothing and lose nothing but that spare core's few milliseconds.
/// Measured (bench/README.md): a 10-line <c>check</c> 117 → 91 ms wall at the same CPU time; the first slice of a
/// large file starts parsing ~15 ms sooner.</remarks>
public static class HotPathWarmUp
{
    /// <summary>Lines of one second, so the tally opens a run and counts into it as a worker does.</summary>
    internal static readonly byte[] Lines = Encoding.ASCII.GetBytes(
        "192.0.2.1 - - [01/Jan/2026:00:00:00 +0000] \"GET /pages/a HTTP/1.1\" 200 512 \"-\" \"curl/8.5.0\"\n" +
        "192.0.2.2 - bob [01/Jan/2026:00:00:00 +0000] \"GET /pages/b HTTP/1.1\" 404 - \"http://h/\" \"Mozilla/5.0\"\n" +
        "192.0.2.1 - - [01/Jan/2026:00:00:00 +0000] \"POST /api/c HTTP/1.1\" 500 7 \"-\" \"curl/8.5.0\"\n");

    /// <summary>Starts the warm-up on a thread of its own, when there is more than one core; returns at once.</summary>
    public static void Start()
    {
        if (Environment.ProcessorCount < 2) return;
        // A thread of its own, not the pool's, which is not started yet (see below). Its stack is small: it parses three
        // short lines.
        var warmUp = new Thread(static () =>
        {
            // The file is opened, then parsed, on pool threads, and the pool's first work item waits for the pool to
            // start (~5 ms, more on a busy machine): start it here, off the main thread (where queueing the first
            // item took 13-17 ms while this thread compiled).
            // Only ever a head start: whatever goes wrong here, the run compiles and meets it on its own.
            try
            {
                ThreadPool.UnsafeQueueUserWorkItem(static _ => { }, null);
                Run();
            }
            catch (Exception) { }
        }, maxStackSize: 256 * 1024) { IsBackground = true, Name = "rxlog warm-up" };
        warmUp.Start();
    }

    /// <summary>Compiles in the order the main thread needs it: the parser (format detection), the text check of the
    /// notice that names the format, then the workers' tally. Returns the tally's entries (for tests).</summary>
    internal static ParsedLine[] Run()
    {
        var chunk = new LineChunk("warm-up", Lines, Lines.Length, FirstLineNumber: 1);
        var detecting = new CommonLogParser();
        foreach (var line in chunk.EachLine()) ParsedLines.TryParseLine(detecting, line.Text, line.Number, out _);
        TerminalText.Sanitize("warm-up");
        var buffer = new ParsedLine[4];
        int count = ChunkTally.For(intervalSeconds: 10)(chunk, new CommonLogParser(), ref buffer, out _);
        return buffer[..count];
    }
}

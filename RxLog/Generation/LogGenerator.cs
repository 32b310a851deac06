using System.Reactive;
using System.Reactive.Concurrency;
using System.Text;

namespace RxLog.Generation;

/// <summary>Synthetic access logs for <c>rxlog generate</c> and <c>rxlog demo</c>: deterministic batches and a
/// real-time follow mode.</summary>
/// <remarks>
/// Each second's hit count is a Poisson draw whose mean is the rate of the phase that second falls in
/// (<see cref="Phases"/>); line content (client, path, status, …) comes from a separate PRNG stream, so the
/// format never changes the timestamps. Both streams are xoshiro256** seeded from <see cref="GeneratorOptions.Seed"/>.
/// </remarks>
public static class LogGenerator
{
    private const int BufferSize = 1 << 18;

    /// <summary>The rate schedule of one cycle of the run. The cycle is <see cref="GeneratorOptions.Duration"/>,
    /// else <see cref="GeneratorOptions.DefaultDuration"/> (10 min); a run longer than that (by <c>--lines</c> or
    /// in follow mode) repeats it.</summary>
    /// <remarks>
    /// <para><see cref="TrafficProfile.Steady"/>: one phase, the whole cycle at <c>Rate</c>.</para>
    /// <para><see cref="TrafficProfile.Burst"/>, for a cycle of n seconds (boundaries rounded down to whole seconds):
    /// 0–30 % at <c>Rate/4</c>, 30–60 % at <c>Rate×1.5</c>, 60–100 % at <c>Rate/4</c>. With the defaults
    /// (10 min, 20 hits/s) that is 0–180 s at 5/s, 180–360 s at 30/s, 360–600 s at 5/s: the 120 s average passes
    /// the default threshold of 10 about 24 s into the burst (alert near 204 s), reaches 30, and falls below 10
    /// about 96 s after it (recovery near 456 s), 144 s before the end. Rates from 9 to 36 hits/s (and
    /// cycles of 5 min or more at the default rate) give one alert and one recovery with the default window (tested).</para>
    /// </remarks>
    public static IReadOnlyList<TrafficPhase> Phases(GeneratorOptions options) => TrafficShape.PhaseSchedule(Checked(options));

    /// <summary>The lines of a batch run, lazily, in order; same options, same lines. W3C's header is not a line
    /// here (see <see cref="WriteTo"/>).</summary>
    public static IEnumerable<GeneratedLine> Generate(GeneratorOptions options)
    {
        Checked(options);
        return Lines(options);

        static IEnumerable<GeneratedLine> Lines(GeneratorOptions o)
        {
            var composer = new LineComposer(o);
            var buffer = new byte[composer.MaxLineLength];
            foreach (var (time, count) in Seconds(o))
            {
                composer.SetTime(time);
                for (long i = 0; i < count; i++)
                {
                    int n = composer.Write(buffer);
                    yield return new GeneratedLine(time, Encoding.UTF8.GetString(buffer, 0, n - 1));
                }
            }
        }
    }

    /// <summary>Writes a batch run to <paramref name="output"/> as UTF-8, each line ending in <c>\n</c>, and
    /// flushes it. Lines are composed in a reused buffer: nothing is allocated per line.</summary>
    public static void WriteTo(GeneratorOptions options, Stream output)
    {
        Checked(options);
        ArgumentNullException.ThrowIfNull(output);
        var composer = new LineComposer(options);
        var buffer = new byte[Math.Max(BufferSize, 4 * composer.MaxLineLength)];
        composer.Header.CopyTo(buffer);
        int used = composer.Header.Length;
        foreach (var (time, count) in Seconds(options))
        {
            composer.SetTime(time);
            used = AppendLines(output, composer, buffer, used, count);
        }
        output.Write(buffer, 0, used);
        output.Flush();
    }

    /// <summary>Composes <paramref name="count"/> lines, at the composer's time, into <paramref name="buffer"/>
    /// after its first <paramref name="used"/> bytes, writing the buffer out whenever the next line might not fit.
    /// Returns how many bytes of the buffer are still to be written.</summary>
    internal static int AppendLines(Stream output, LineComposer composer, byte[] buffer, int used, long count)
    {
        for (long i = 0; i < count; i++)
        {
            if (buffer.Length - used < composer.MaxLineLength)
            {
                output.Write(buffer, 0, used);
                used = 0;
            }
            used += composer.Write(buffer.AsSpan(used));
        }
        return used;
    }

    /// <summary>Writes lines in real time: at every whole-second boundary of <paramref name="scheduler"/>, that
    /// second's lines, stamped with <c>scheduler.Now</c> truncated to the second in UTC, then a flush.</summary>
    /// <remarks>The first write is at the first boundary after subscription. The rate follows the profile from
    /// there (second 0 of the schedule). Stops after <see cref="GeneratorOptions.Lines"/> lines or
    /// <see cref="GeneratorOptions.Duration"/> seconds if given, else runs until disposed; a closed output
    /// (<see cref="IOException"/>, <see cref="ObjectDisposedException"/>, e.g. a broken pipe) ends it quietly.
    /// Yields a single <see cref="Unit"/> when it ends, then completes, so it can be awaited. Content is as
    /// deterministic as a batch run's; only the timestamps come from the clock.</remarks>
    public static IObservable<Unit> Follow(GeneratorOptions options, Stream output, IScheduler scheduler)
    {
        Checked(options);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(scheduler);
        return LogFollower.Create(options, output, scheduler);
    }

    // Each second of a batch run that has lines, with its timestamp and line count (the last one cut short
    // so that the run holds exactly Lines lines).
    private static IEnumerable<(DateTimeOffset Time, long Count)> Seconds(GeneratorOptions o)
    {
        var shape = new TrafficShape(o);
        var start = o.WholeSecondStart;
        long? seconds = o.BatchSeconds;
        long remaining = o.Lines ?? long.MaxValue;
        for (long s = 0; remaining > 0 && (seconds is null || s < seconds); s++)
        {
            long count = Math.Min(shape.CountAt(s), remaining);
            if (count == 0)
                continue;
            remaining -= count;
            yield return (start.AddTicks(s * TimeSpan.TicksPerSecond), count);
        }
    }

    private static GeneratorOptions Checked(GeneratorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Validate() is { } problem)
            throw new ArgumentException(problem, nameof(options));
        return options;
    }
}

using System.Globalization;

namespace RxLog.Generation;

/// <summary>What <c>rxlog generate</c> produces: how much, how fast, from which seed, starting when, in which format.</summary>
/// <remarks>Give <see cref="Lines"/>, <see cref="Duration"/>, or both (the run stops at whichever comes first).
/// With neither, a batch run lasts <see cref="DefaultDuration"/>; a follow run goes on until disposed.</remarks>
public sealed record GeneratorOptions
{
    /// <summary>Length of a batch run when neither lines nor duration is given, and of one burst cycle.</summary>
    public static readonly TimeSpan DefaultDuration = TimeSpan.FromMinutes(10);

    /// <summary>The default first timestamp, <c>2026-01-01T00:00:00Z</c>.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Upper bound on <see cref="Rate"/>, well past anything a single log sees.</summary>
    public const double MaxRate = 10_000_000;

    /// <summary>Stop after exactly this many lines (<c>--lines</c>).</summary>
    public long? Lines { get; init; }

    /// <summary>Stop after this much log time (<c>--duration</c>); a fractional second counts as a whole one.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>Mean hits per second of the profile's base rate (<c>--rate</c>).</summary>
    public double Rate { get; init; } = 20;

    /// <summary>PRNG seed (<c>--seed</c>); the same options always give the same bytes.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Timestamp of the first second (<c>--start</c>); truncated to whole seconds. Its offset is the one
    /// written in every line.</summary>
    public DateTimeOffset Start { get; init; } = DefaultStart;

    /// <summary>Line layout (<c>--output-format</c>).</summary>
    public GeneratedFormat Format { get; init; } = GeneratedFormat.Combined;

    /// <summary>Rate over time (<c>--profile</c>).</summary>
    public TrafficProfile Profile { get; init; } = TrafficProfile.Steady;

    /// <summary>Why these options cannot be used, as one line for the user, or null when they can.</summary>
    public string? Validate()
    {
        if (Lines is < 0)
            return "--lines must be 0 or more";
        if (Duration is { } d && d <= TimeSpan.Zero)
            return "--duration must be positive";
        if (!double.IsFinite(Rate) || Rate <= 0 || Rate > MaxRate)
            return string.Create(CultureInfo.InvariantCulture, $"--rate must be a number above 0 and at most {MaxRate:0}");
        if (!Enum.IsDefined(Format))
            return "unknown output format";
        if (!Enum.IsDefined(Profile))
            return "unknown profile";
        return null;
    }

    /// <summary>Length in whole seconds of the profile's cycle: the duration, else the default.</summary>
    internal long CycleSeconds => SecondsOf(Duration ?? DefaultDuration);

    /// <summary>Length of a batch run in whole seconds, or null when only <see cref="Lines"/> bounds it.</summary>
    internal long? BatchSeconds => Duration is { } d ? SecondsOf(d) : Lines is null ? SecondsOf(DefaultDuration) : null;

    /// <summary>Length of a follow run in whole seconds, or null when it is unbounded in time.</summary>
    internal long? FollowSeconds => Duration is { } d ? SecondsOf(d) : null;

    internal DateTimeOffset WholeSecondStart => Start.AddTicks(-(Start.Ticks % TimeSpan.TicksPerSecond));

    private static long SecondsOf(TimeSpan d) => (d.Ticks + TimeSpan.TicksPerSecond - 1) / TimeSpan.TicksPerSecond;
}

using RxLog.Aggregation;
using RxLog.Alerting;
using RxLog.Parsing;

namespace RxLog.Pipeline;

/// <summary>The whole monitor as a pure state machine over records, invalid lines and second boundaries.</summary>
/// <remarks>
/// No Rx and no clock: the Rx shell (<see cref="TrafficEvents"/>) feeds it, the scheduler decides when boundaries
/// happen. It owns the CONTRACT.md rules so they hold whichever clock drives it:
/// <list type="bullet">
/// <item>A record dated before the open second counts in the open second (the clock never goes backwards).</item>
/// <item>At each boundary b: push second b−1 into the window, decide the alert at b, then close the report ending
/// at b, so an alert precedes the report that ends at the same instant.</item>
/// <item>A record far ahead of the open second catches up boundary by boundary while anything is pending (the window
/// holds hits, or the open interval has something to report) and jumps over the rest, so idle time costs nothing
/// yet every decision is the one a second-by-second evaluation would make.</item>
/// </list>
/// </remarks>
public sealed class MonitorState
{
    private static readonly IReadOnlyList<MonitorEvent> None = Array.Empty<MonitorEvent>();

    private readonly MonitorSettings _settings;
    private readonly HitRateWindow _window;
    private readonly BackfilledHits _backfilled = new();   // in the window beside _window: see OnBackfill
    private readonly AlertState _alert;
    private readonly TrafficAccumulator _interval = new();
    private readonly ResponseTimeHistogram _runResponseTimes = new(); // closed intervals' response times, merged
    private List<MonitorEvent>? _pending;

    private bool _open;             // false until the first record or boundary fixes the open second
    private long _openSecond;       // the second [s, s+1) that records count in now
    private long _openHits;         // hits in the open second, pushed into the window at its end
    private long _intervalStart;    // aligned start of the open report interval
    private long _pendingInvalid;   // invalid lines seen before any second was open
    private long? _firstRecord, _lastRecord;
    private TimeSpan _offset;       // display offset: the first record's, UTC before it
    private long _hits, _invalid;
    private string? _firstInvalidLine;

    public MonitorState(MonitorSettings settings)
    {
        _settings = settings;
        _window = new HitRateWindow(settings.WindowSeconds);
        _alert = new AlertState(settings.Threshold, settings.WindowSeconds);
    }

    /// <summary>Alerts raised so far.</summary>
    public int AlertsRaised => _alert.AlertsRaised;

    /// <summary>Counts parsed lines; returns the events this caused (usually none).</summary>
    /// <param name="arrivalSecond">Wall-clock modes: the second the lines arrived in, which they count in whatever
    /// their own timestamps say. Null in log time.</param>
    public IReadOnlyList<MonitorEvent> OnLines(ReadOnlySpan<ParsedLine> lines, long? arrivalSecond = null)
    {
        foreach (ref readonly var line in lines)
        {
            switch (line.Kind)
            {
                case LineKind.Record:
                    CountRecord(line.Record, arrivalSecond ?? line.Record.Second);
                    break;
                case LineKind.Hits:
                    CountRun(line, arrivalSecond ?? line.Record.Second);
                    break;
                default:
                    CountInvalid(line.InvalidText);
                    break;
            }
        }
        return TakePending();
    }

    /// <summary>Loads records that were in a followed file before the run began (<c>watch</c>'s backfill) into the
    /// alert window, each in its own log second, so the first decisions average over the last W seconds as they
    /// were; returns the events this caused (usually none).</summary>
    /// <remarks>They were not read during the run, so they are not hits of it: no report or summary counts them,
    /// only the window (and so the averages, alerts and the <c>avg</c> of reports) does, until their seconds leave it.
    /// A record dated after the open second counts in it (the writer's clock runs a little ahead); one dated before
    /// the window is not counted. Invalid lines are not counted either: they were not read during the run.</remarks>
    /// <param name="nowSecond">The second the lines arrived in, as for <see cref="OnLines"/>.</param>
    public IReadOnlyList<MonitorEvent> OnBackfill(ReadOnlySpan<ParsedLine> lines, long nowSecond)
    {
        foreach (ref readonly var line in lines)
        {
            if (!line.IsTimed) continue;
            // An alert may come before any live record: show its time in the log's offset (the first live record's wins).
            if (_firstRecord is null) _offset = TimeSpan.FromMinutes(line.Record.OffsetMinutes);
            if (!_open) Open(nowSecond);
            else if (nowSecond > _openSecond) CatchUpTo(nowSecond);
            long second = Math.Min(line.Record.Second, _openSecond);
            if (second <= _openSecond - _settings.WindowSeconds) continue;
            _backfilled.Add(second, line.Kind == LineKind.Hits ? line.Hits : 1);
        }
        return TakePending();
    }

    /// <summary>The whole-second boundary <paramref name="boundary"/> (Unix seconds) has been reached.</summary>
    public IReadOnlyList<MonitorEvent> OnBoundary(long boundary)
    {
        if (!_open) Open(boundary - 1);
        CatchUpTo(boundary - 1);
        if (boundary == _openSecond + 1) CloseSecond();
        return TakePending();
    }

    /// <summary>End of input: closes the newest second and the last partial report, then the summary.</summary>
    /// <remarks>CONTRACT.md: the last decision is at <c>last + 1</c>; the summary ends at <c>last + 1</c>.</remarks>
    public IReadOnlyList<MonitorEvent> OnCompleted(DateTimeOffset now)
    {
        if (_open && _lastRecord is { } last && _openSecond == last) CloseSecond();
        if (_open && (!_interval.IsEmpty || (_settings.ReportIdleIntervals && _openSecond > _intervalStart)))
            EmitReport(_intervalStart);
        _runResponseTimes.Merge(_interval.ResponseTimes);
        _interval.ResponseTimes.Clear();   // counted once, should anything follow
        var summaryTime = _lastRecord is { } l ? At(l + 1) : now.ToOffset(_offset);
        Emit(new RunSummary(summaryTime,
            _firstRecord is { } f ? At(f) : null,
            _lastRecord is { } e ? At(e + 1) : null,
            _hits, _invalid, _alert.AlertsRaised, _alert.Alerting, _firstInvalidLine, _runResponseTimes.Summarize()));
        return TakePending();
    }

    private void CountRecord(in LogRecord record, long second)
    {
        Clock(record, second);
        _openHits++;
        _hits++;
        _interval.Add(record);
    }

    // A run a parsing worker counted ahead (ChunkTally): its hits count in one second, like as many records, and the
    // lines it stands for (up to the next interval's first run) in the open interval, all at once.
    private void CountRun(in ParsedLine run, long second)
    {
        Clock(run.Record, second);
        _openHits += run.Hits;
        _hits += run.Hits;
        if (run.Tally is not { } tally) return;
        _interval.Merge(tally);
        _invalid += tally.Invalid;
        if (tally.FirstInvalidText is { } text) _firstInvalidLine ??= text;
        RunTallies.GiveBack(tally);   // counted: the workers may fill it again
    }

    // A record (or run) at `second`: the clock catches up, and the first and last record times move.
    private void Clock(in LogRecord record, long second)
    {
        if (!_open)
        {
            _offset = TimeSpan.FromMinutes(record.OffsetMinutes);
            Open(second);
        }
        else if (_firstRecord is null)
        {
            _offset = TimeSpan.FromMinutes(record.OffsetMinutes);
        }
        if (second > _openSecond) CatchUpTo(second);
        _firstRecord ??= _openSecond;
        _lastRecord = _openSecond;
    }

    private void CountInvalid(string? text)
    {
        _invalid++;
        _firstInvalidLine ??= text ?? "";
        if (_open) _interval.AddInvalid();
        else _pendingInvalid++;
    }

    private void Open(long second)
    {
        _open = true;
        _openSecond = second;
        _intervalStart = AlignDown(second);
        _interval.AddInvalid(_pendingInvalid);   // CONTRACT.md: before the first record, invalid lines go to the first report
        _pendingInvalid = 0;
    }

    /// <summary>Makes <paramref name="second"/> the open second, deciding every boundary on the way while
    /// something is pending and jumping over the idle rest.</summary>
    private void CatchUpTo(long second)
    {
        while (_openSecond < second)
        {
            bool idle = _openHits == 0 && WindowTotal == 0;
            if (!idle || _settings.ReportIdleIntervals)
            {
                CloseSecond();
                continue;
            }
            // Nothing in the window: every boundary up to `second` has avg 0, which changes no alert decision
            // (a raised alert recovered before the window emptied). Only the open interval may still need its report.
            if (second >= _intervalStart + _settings.IntervalSeconds)
            {
                if (!_interval.IsEmpty) EmitReport(_intervalStart);
                ResetInterval();
                _intervalStart = AlignDown(second);
            }
            _window.PushEmpty(second - _openSecond);
            _openSecond = second;
        }
    }

    /// <summary>Boundary <c>b = open + 1</c>: the open second goes into the window, the alert is decided at b, and
    /// the report ending at b (if any) is closed after the decision.</summary>
    private void CloseSecond()
    {
        long boundary = _openSecond + 1;
        _window.Push(_openHits);
        _backfilled.DropBefore(boundary - _settings.WindowSeconds);
        _openHits = 0;
        switch (_alert.Decide(boundary, WindowTotal))
        {
            case AlertTransition.Raised:
                Emit(new AlertRaised(At(boundary), WindowTotal, WindowAverage, _alert.Threshold, _alert.WindowSeconds));
                break;
            case AlertTransition.Recovered:
                Emit(new AlertRecovered(At(boundary), WindowTotal, WindowAverage, _alert.Threshold, _alert.WindowSeconds,
                    boundary - _alert.RaisedAt));
                break;
        }
        _openSecond = boundary;
        if (boundary % _settings.IntervalSeconds == 0)
        {
            if (!_interval.IsEmpty || _settings.ReportIdleIntervals) EmitReport(boundary - _settings.IntervalSeconds);
            ResetInterval();
            _intervalStart = boundary;
        }
    }

    private void EmitReport(long start) => Emit(new TrafficReport(
        At(start), At(start + _settings.IntervalSeconds), _interval.Hits, _interval.TopSections(_settings.Top),
        _interval.Status, _interval.Bytes, _interval.Invalid, WindowTotal, WindowAverage, _alert.Alerting,
        _interval.Approximate, _interval.ResponseTimes.Summarize(),
        _settings.TopClients > 0 && _interval.HitsWithClient > 0 ? _interval.TopClients(_settings.TopClients) : null,
        _interval.ClientsApproximate));

    // The run's response times are the intervals' merged as each closes: one histogram update per timed record.
    private void ResetInterval()
    {
        _runResponseTimes.Merge(_interval.ResponseTimes);
        _interval.Reset();
    }

    // Hits in [b − W, b) after the push at boundary b: those read during the run, and those loaded at its start.
    private long WindowTotal => _window.Total + _backfilled.Total;

    private double WindowAverage => (double)WindowTotal / _settings.WindowSeconds;

    private long AlignDown(long second) => second - (((second % _settings.IntervalSeconds) + _settings.IntervalSeconds) % _settings.IntervalSeconds);

    private DateTimeOffset At(long unixSeconds) => DateTimeOffset.FromUnixTimeSeconds(unixSeconds).ToOffset(_offset);

    private void Emit(MonitorEvent e) => (_pending ??= new List<MonitorEvent>()).Add(e);

    private IReadOnlyList<MonitorEvent> TakePending()
    {
        if (_pending is null) return None;
        var events = _pending;
        _pending = null;
        return events;
    }
}

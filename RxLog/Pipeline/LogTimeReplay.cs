using System.Reactive.Concurrency;
using System.Reactive.Linq;
using RxLog.Aggregation;
using RxLog.Parsing;

namespace RxLog.Pipeline;

/// <summary><c>check</c>'s clock: a <see cref="HistoricalScheduler"/> advanced by the records' own timestamps.</summary>
public static class LogTimeReplay
{
    /// <summary>A record more than this far ahead of the clock is held back until the next record shows whether it
    /// was a jump (months of silence) or a spike (one line dated 2099).</summary>
    public const long SpikeSeconds = 24 * 3600;

    /// <summary>Advances <paramref name="scheduler"/> to each record's second before passing the record on, and at the
    /// end to <c>last + 1</c> so the final second is decided before completion (DOTNET-NOTES.md §5.4a, items 2–4).
    /// Batches are cut where the clock moves, so every batch passed on lies within the clock's current second; when the
    /// clock leaves a second that read lines, it stops at that second's end and says so: the boundary that closes it.</summary>
    /// <remarks>
    /// Records are pushed from outside the scheduler, after the advance, so timers due at a record's second run first
    /// and a record on a boundary lands in the new second. A record older than the clock leaves it where it is: it
    /// counts at the newest time (<see cref="OpenSecond"/> counts it in the clock's second).
    /// <para>Far-future guard (CONTRACT.md "Clocks"): a record more than a day ahead of the clock waits, with the lines
    /// after it, for the next record. If that one undercuts it by more than a day, it was a spike: it counts as a hit at
    /// the clock's time, like a late line, and the clock never sees 2099. Otherwise the clock advances to it as usual,
    /// so every log without such a spike (months of silence included) gives exactly the same results.</para>
    /// <para>A second that read lines closes at <c>s + 1</c>: the clock advances there first, so timers due by then run
    /// first (a boundary they bring at <c>s + 1</c> closes it as well: the second closes once), then on. Seconds that
    /// read nothing get no boundary from here: time costs what the lines cost (CONTRACT.md "Clocks").</para>
    /// </remarks>
    public static IObservable<ClockInput> ReplayInLogTime(this IObservable<ParsedBatch> batches, HistoricalScheduler scheduler) =>
        Observable.Create<ClockInput>(observer => new Replay(scheduler, observer).Run(batches));

    private sealed class Replay(HistoricalScheduler scheduler, IObserver<ClockInput> observer)
    {
        private bool _any;
        private bool _read;                       // the clock's second read lines since it was entered
        private long _now = long.MinValue;        // the clock in whole seconds, in step with every advance made here
        private readonly List<ParsedLine> _held = new();   // a far-future record and the lines after it, in order
        private string? _heldOrigin;                        // where they were read (one source in check)
        private readonly ClockInput _lines = new(null, 0, count: 0);   // reused: see ClockInput
        private readonly ClockInput _boundary = new(null, 0);

        public IDisposable Run(IObservable<ParsedBatch> batches) => batches.Subscribe(OnBatch, observer.OnError, OnCompleted);

        private void OnBatch(ParsedBatch batch)
        {
            if (_held.Count == 0) _heldOrigin = batch.Origin;
            var lines = batch.Lines;
            int from = 0;
            for (int i = 0; i < lines.Length; i++)
            {
                ref readonly var line = ref lines[i];
                if (_held.Count > 0)
                {
                    if (line.IsTimed) ReleaseHeld(line.Record.Second);
                    else
                    {
                        _held.Add(line);
                        from = i + 1;
                        continue;
                    }
                    from = i;
                }
                if (!line.IsTimed) continue;
                long second = line.Record.Second;
                if (_any && second <= _now) continue;
                if (i > from) Pass(batch, from, i - from);
                from = i;
                if (_any && second > _now + SpikeSeconds)
                {
                    _held.Add(line);
                    from = i + 1;
                    continue;
                }
                AdvanceTo(second);
            }
            if (from < lines.Length) Pass(batch, from, lines.Length - from);
        }

        private void Pass(ParsedBatch batch, int from, int count)
        {
            _read |= _any;   // invalid lines before the first record have no second yet
            observer.OnNext(_lines.SetLines(batch, from, count));
        }

        private void OnCompleted()
        {
            if (_held.Count > 0) ReleaseHeld(next: null);
            if (_any) AdvanceTo(_now + 1);
            observer.OnCompleted();
        }

        /// <summary>The next record (or the end) decides what the held far-future record was.</summary>
        private void ReleaseHeld(long? next)
        {
            var held = _held.ToArray();
            _held.Clear();
            long heldSecond = held[0].Record.Second;
            if (next is { } n && n < heldSecond - SpikeSeconds)
                held[0] = held[0] with { Record = held[0].Record with { Second = _now } };   // a spike: counted now
            else
                AdvanceTo(heldSecond);
            Pass(new ParsedBatch(held, 0, held.Length) { Origin = _heldOrigin }, 0, held.Length);
        }

        private void AdvanceTo(long second)
        {
            if (_read && second > _now)
            {
                scheduler.AdvanceTo(DateTimeOffset.FromUnixTimeSeconds(_now + 1));
                _read = false;
                observer.OnNext(_boundary.SetBoundary(_now + 1));
            }
            scheduler.AdvanceTo(DateTimeOffset.FromUnixTimeSeconds(second));
            _now = second;
            _any = true;
        }
    }
}

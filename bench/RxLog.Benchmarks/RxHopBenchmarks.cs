using System.Reactive.Concurrency;
using System.Reactive.Linq;
using System.Reactive.Subjects;
using BenchmarkDotNet.Attributes;
using RxLog.Generation;
using RxLog.Parsing;

namespace RxLog.Benchmarks;

/// <summary>What one Rx hop costs per record: the same <see cref="BenchLines.Count"/> parsed Combined records summed
/// by a plain loop and through Rx shapes of increasing weight. Results are per record (<c>OperationsPerInvoke</c>).
/// Each invocation builds its pipeline, pushes every record and completes, so per-subscription and per-group costs
/// are included, spread over the records as they are in a run.</summary>
[MemoryDiagnoser]
public class RxHopBenchmarks
{
    private const int N = BenchLines.Count;

    /// <summary>Records per array in the batched hop (the order of a parsed chunk in <c>rxlog check</c>).</summary>
    public const int ChunkSize = 4096;

    private LogRecord[] _records = null!;
    private LogRecord[][] _chunks = null!;

    [GlobalSetup]
    public void Setup()
    {
        var parser = new CommonLogParser();
        _records = [.. BenchLines.Generate(GeneratedFormat.Combined).Select(l => parser.TryParse(l, out var r) ? r : throw new InvalidOperationException())];
        if (_records.Length != N) throw new InvalidOperationException($"{_records.Length} records, expected {N}");
        _chunks = [.. _records.Chunk(ChunkSize)];
    }

    [Benchmark(OperationsPerInvoke = N, Baseline = true, Description = "(a) plain loop")]
    public long PlainLoop()
    {
        long sum = 0;
        foreach (var r in _records) sum += r.Bytes;
        return sum;
    }

    [Benchmark(OperationsPerInvoke = N, Description = "(b) Subject<LogRecord>, 1 Subscribe")]
    public long SubjectPerRecord()
    {
        long sum = 0;
        var subject = new Subject<LogRecord>();
        using (subject.Subscribe(r => sum += r.Bytes))
        {
            foreach (var r in _records) subject.OnNext(r);
            subject.OnCompleted();
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = N, Description = "(b2) Subject<long> (bytes only), 1 Subscribe")]
    public long SubjectPerLong()
    {
        long sum = 0;
        var subject = new Subject<long>();
        using (subject.Subscribe(b => sum += b))
        {
            foreach (var r in _records) subject.OnNext(r.Bytes);
            subject.OnCompleted();
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = N, Description = "(c) Subject<LogRecord[]>, 4096/array")]
    public long SubjectPerArray()
    {
        long sum = 0;
        var subject = new Subject<LogRecord[]>();
        using (subject.Subscribe(chunk =>
        {
            foreach (var r in chunk) sum += r.Bytes;
        }))
        {
            foreach (var chunk in _chunks) subject.OnNext(chunk);
            subject.OnCompleted();
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = N, Description = "(d) per record .Where.Select")]
    public long WhereSelect()
    {
        long sum = 0;
        var subject = new Subject<LogRecord>();
        using (subject.Where(r => r.Status < 500).Select(r => r.Bytes).Subscribe(b => sum += b))
        {
            foreach (var r in _records) subject.OnNext(r);
            subject.OnCompleted();
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = N, Description = "(e) per record GroupBy(second)+Scan")]
    public long GroupByScan()
    {
        long sum = 0;
        var subject = new Subject<LogRecord>();
        using (subject.GroupBy(r => r.Second)
                   .SelectMany(g => g.Scan(0L, (bytes, r) => bytes + r.Bytes))
                   .Subscribe(total => sum += total))
        {
            foreach (var r in _records) subject.OnNext(r);
            subject.OnCompleted();
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = N, Description = "(f) Buffer(1 s) on HistoricalScheduler")]
    public long BufferHistorical()
    {
        long sum = 0;
        var scheduler = new HistoricalScheduler(DateTimeOffset.FromUnixTimeSeconds(_records[0].Second));
        var subject = new Subject<LogRecord>();
        using (subject.Buffer(TimeSpan.FromSeconds(1), scheduler).Subscribe(b => sum += b.Count))
        {
            // Log time drives the clock: move it to each record's second before pushing the record (as check does).
            long now = _records[0].Second;
            foreach (var r in _records)
            {
                if (r.Second > now)
                {
                    now = r.Second;
                    scheduler.AdvanceTo(DateTimeOffset.FromUnixTimeSeconds(now));
                }

                subject.OnNext(r);
            }

            subject.OnCompleted();
        }

        return sum;
    }
}

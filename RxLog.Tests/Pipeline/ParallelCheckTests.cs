using System.Reactive.Linq;
using RxLog.Aggregation;
using RxLog.Parsing;
using RxLog.Pipeline;
using RxLog.Rendering;
using RxLog.Sources;
using RxLog.Tests.Parsing;
using RxLog.Tests.Support;

namespace RxLog.Tests.Pipeline;

/// <summary><c>check --threads N</c> gives exactly what one thread gives: batches are parsed in parallel but passed on in
/// file order, late lines across chunk borders included.</summary>
public class ParallelCheckTests
{
    [Theory]
    [InlineData("elastic_apache_logs/apache_logs.gz", 1.0, 3)]   // 9,448 lines out of order
    [InlineData("nasa_ksc_aug95_head/NASA_access_log_Aug95_head", 0.5, 2)]   // torn lines: invalid ones in the mix
    [InlineData("lnav_test_logs/logfile_shop_access_log.0", 5.0, 4)]
    public void Several_threads_give_the_same_events_as_one(string log, double threshold, int threads)
    {
        byte[] bytes = SharedData.ReadAllBytes(log);
        var settings = new MonitorSettings(Threshold: threshold);

        string one = Check(bytes, settings, threads: 1);
        string many = Check(bytes, settings, threads);

        Assert.Contains("\"type\":\"alert\"", one);
        Assert.Equal(one, many);
    }

    [Fact]
    public void A_parser_failure_on_a_worker_ends_the_run_with_that_error()
    {
        var chunks = Chunks(System.Text.Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("x\n", 5000))));

        var error = Record.Exception(() => chunks.ToParsedBatches(() => new ThrowingParser(), threads: 2).Wait());

        Assert.Equal("boom", error?.Message);
    }

    [Fact]
    public void Lines_of_slices_read_by_workers_keep_their_numbers_in_the_file()
    {
        // Invalid lines carry their numbers: the slices are read before anyone knows how many lines precede them.
        byte[] bytes = SharedData.ReadAllBytes("nasa_ksc_aug95_head/NASA_access_log_Aug95_head");
        using var dir = new TempDir();
        string path = dir.File("access.log");
        File.WriteAllBytes(path, bytes);
        ChunkParser everyLine = (LineChunk chunk, ILogLineParser parser, ref ParsedLine[] buffer, out int lines) =>
            ParsedLines.Parse(chunk, parser, rejects: null, ref buffer, out lines);
        var expected = Numbers(Chunks(bytes).ToParsedBatches(new CommonLogParser()));

        foreach (int threads in new[] { 1, 2, 3 })
        {
            using var slices = FileSlices.TryOpen(path, 4096)!;
            var numbers = Numbers(slices.InOrder().ToParsedBatches(() => new CommonLogParser(), threads, everyLine));
            Assert.Equal(expected, numbers);
            using var again = FileSlices.TryOpen(path, 4096)!;
            Assert.Equal(expected, Numbers(again.ParsedAhead(() => new CommonLogParser(), threads, everyLine)));
        }
        Assert.Contains(expected, n => n.Kind == LineKind.Invalid && n.Number > 1000);
    }

    [Theory]
    [InlineData(4096)]          // hundreds of slices: more than the workers start on before subscription
    [InlineData(256 * 1024)]    // a few slices: fewer than that, so nothing is left to hand out afterwards
    public void Slices_parsed_ahead_of_the_subscription_give_the_same_events(int sliceBytes)
    {
        using var dir = new TempDir();
        string path = Copied(dir, "elastic_apache_logs/apache_logs.gz");
        var settings = new MonitorSettings(Threshold: 1.0);

        string Run(Func<FileSlices, IObservable<ParsedBatch>> batches)
        {
            using var slices = FileSlices.TryOpen(path, sliceBytes)!;
            return Events(batches(slices), settings);
        }

        string lazily = Run(s => s.InOrder().ToParsedBatches(() => new CommonLogParser(), 2, ChunkTally.For(10)));
        string ahead = Run(s => s.ParsedAhead(() => new CommonLogParser(), 2, ChunkTally.For(10)));

        Assert.Contains("\"type\":\"alert\"", lazily);
        Assert.Equal(lazily, ahead);
    }

    [Fact]
    public void A_slice_holding_thousands_of_seconds_and_invalid_lines_counts_them_all()
    {
        // One line a second and every third line damaged: a 1 MiB slice yields thousands of entries, far more than the
        // buffer a worker starts with, so it must grow without losing any.
        var text = new System.Text.StringBuilder();
        for (int i = 0; i < 6000; i++)
        {
            text.Append(i % 3 == 1
                ? $"garbage line {i}\n"
                : $"10.0.0.{i % 250} - - [01/Jan/2026:{i / 3600:00}:{i / 60 % 60:00}:{i % 60:00} +0000] \"GET /s{i % 7}/x HTTP/1.1\" 200 {i}\n");
        }
        using var dir = new TempDir();
        string path = dir.File("access.log");
        File.WriteAllText(path, text.ToString());
        var settings = new MonitorSettings(Threshold: 1.0);

        string Run(int threads)
        {
            using var slices = FileSlices.TryOpen(path)!;
            Assert.Equal(1, slices.Count);
            return Events(slices.ParsedAhead(() => new CommonLogParser(), threads, ChunkTally.For(10)), settings);
        }

        string one = Run(1), two = Run(2);

        Assert.Equal(one, two);
        Assert.Contains("\"hits\":4000", one.Split('\n')[^2]);      // the summary: every valid line counted
        Assert.Contains("\"invalid\":2000", one.Split('\n')[^2]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Every_line_read_is_counted_for_its_source_whether_the_workers_read_slices_or_are_handed_chunks(int threads)
    {
        // rxlog_lines_read_total: blank and invalid lines included, each line once, however the file was cut.
        byte[] bytes = SharedData.ReadAllBytes("nasa_ksc_aug95_head/NASA_access_log_Aug95_head");
        byte[] withBlanks = [.. bytes, .. "\n\n  \n"u8];
        long expected = withBlanks.AsSpan().Count((byte)'\n');
        using var dir = new TempDir();
        string path = dir.File("access.log");
        File.WriteAllBytes(path, withBlanks);

        var sliced = new SourceLines();
        using (var slices = FileSlices.TryOpen(path, 4096)!)
            MonitorRun.Check(slices, () => new CommonLogParser(), new MonitorSettings { LinesRead = sliced },
                new JsonLinesView(TextWriter.Null, TextWriter.Null), threads: threads);
        var streamed = new SourceLines();
        MonitorRun.Check(Chunks(withBlanks), () => new CommonLogParser(), new MonitorSettings { LinesRead = streamed },
            new JsonLinesView(TextWriter.Null, TextWriter.Null), threads: threads);

        Assert.Equal([new(path, expected)], sliced.Snapshot());
        Assert.Equal([new("test", expected)], streamed.Snapshot());
    }

    [Fact]
    public void Slices_parsed_ahead_start_before_anyone_subscribes()
    {
        using var dir = new TempDir();
        string path = Copied(dir, "nasa_ksc_aug95_head/NASA_access_log_Aug95_head");
        using var slices = FileSlices.TryOpen(path, 4096)!;
        using var parsing = new ManualResetEventSlim();
        ChunkParser signalling = (LineChunk chunk, ILogLineParser parser, ref ParsedLine[] buffer, out int lines) =>
        {
            parsing.Set();
            return ChunkTally.For(10)(chunk, parser, ref buffer, out lines);
        };

        var batches = slices.ParsedAhead(() => new CommonLogParser(), threads: 2, signalling);

        Assert.True(parsing.Wait(TimeSpan.FromSeconds(30)), "no slice was parsed before the subscription");
        Assert.NotEmpty(batches.ToList().Wait());
    }

    [Fact]
    public void Slices_parsed_ahead_refuse_a_second_subscriber_rather_than_skip_what_the_first_took()
    {
        using var dir = new TempDir();
        string path = Copied(dir, "nasa_ksc_aug95_head/NASA_access_log_Aug95_head");
        using var slices = FileSlices.TryOpen(path, 4096)!;
        var batches = slices.ParsedAhead(() => new CommonLogParser(), threads: 2, ChunkTally.For(10));
        batches.ToList().Wait();

        Assert.Throws<InvalidOperationException>(() => batches.ToList().Wait());
    }

    [Fact]
    public void A_guessed_entry_buffer_stays_off_the_large_object_heap()
    {
        // ParallelParsing rents 1,024 entries for a slice whose lines were not counted: a field more in ParsedLine
        // could put each on the large-object heap (85,000 bytes), which the 5M-line check paid for in full GCs.
        Assert.True(1024 * System.Runtime.CompilerServices.Unsafe.SizeOf<ParsedLine>() < 85_000);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]   // started before the subscription (ParsedAhead)
    public void A_slice_that_cannot_be_read_ends_the_run_with_the_read_error(bool parsedAhead)
    {
        using var dir = new TempDir();
        var slices = FileSlices.TryOpen(Copied(dir, "nasa_ksc_aug95_head/NASA_access_log_Aug95_head"), 4096)!;
        slices.Dispose();

        var error = Record.Exception(() => (parsedAhead
            ? slices.ParsedAhead(() => new CommonLogParser(), threads: 2, ChunkTally.For(10))
            : slices.InOrder().ToParsedBatches(() => new CommonLogParser(), threads: 2, ChunkTally.For(10))).Wait());

        Assert.IsType<ObjectDisposedException>(error);
    }

    [Fact]
    public void A_source_failing_after_chunks_in_flight_passes_them_on_before_the_error_as_one_thread_does()
    {
        // A damaged .gz: chunks read before the damage must still be reported, whatever --threads is.
        byte[] bytes = SharedData.ReadAllBytes("nasa_ksc_aug95_head/NASA_access_log_Aug95_head");
        var failing = Chunks(bytes).Concat(Observable.Throw<LineChunk>(new InvalidDataException("damaged gzip")));

        List<long> Seen(int threads)
        {
            var seen = new List<long>();
            var error = Record.Exception(() => failing.ToParsedBatches(() => new CommonLogParser(), threads)
                .Do(b => seen.AddRange(b.Lines.ToArray().Select(l => l.LineNumber))).Wait());
            Assert.IsType<InvalidDataException>(error);
            return seen;
        }

        var one = Seen(1);
        Assert.Equal(bytes.AsSpan().Count((byte)'\n'), one[^1]);   // up to the last line before the damage
        Assert.Equal(one, Seen(3));
    }

    // A shared log as a plain file: slices are read from a file.
    private static string Copied(TempDir dir, string log)
    {
        string path = dir.File("access.log");
        File.WriteAllBytes(path, SharedData.ReadAllBytes(log));
        return path;
    }

    private static List<(LineKind Kind, long Number)> Numbers(IObservable<ParsedBatch> batches) =>
        batches.SelectMany(b => b.Lines.ToArray()).Select(l => (l.Kind, l.LineNumber)).ToList().Wait().ToList();

    // Small chunks (about 4 KiB of whole lines) so even these logs cross hundreds of chunk borders.
    private static IObservable<LineChunk> Chunks(byte[] bytes) =>
        Observable.Create<LineChunk>(observer =>
        {
            var buffer = new byte[64 * 1024];
            int start = 0;
            long line = 1;
            while (start < bytes.Length)
            {
                int end = Math.Min(start + 4096, bytes.Length);
                int cut = end == bytes.Length ? end : bytes.AsSpan(start, end - start).LastIndexOf((byte)'\n') + start + 1;
                if (cut <= start) cut = bytes.AsSpan(start).IndexOf((byte)'\n') + start + 1;
                bytes.AsSpan(start, cut - start).CopyTo(buffer);   // the source reuses its buffer, as real ones do
                observer.OnNext(new LineChunk("test", buffer, cut - start, line));
                line += bytes.AsSpan(start, cut - start).Count((byte)'\n');
                start = cut;
            }
            observer.OnCompleted();
            return () => { };
        });

    private static string Check(byte[] bytes, MonitorSettings settings, int threads)
    {
        var output = new StringWriter();
        MonitorRun.Check(Chunks(bytes), () => new CommonLogParser(), settings, new JsonLinesView(output, TextWriter.Null),
            threads: threads);
        return output.ToString();
    }

    // The events of a check over these batches, as JSON lines.
    private static string Events(IObservable<ParsedBatch> batches, MonitorSettings settings)
    {
        var output = new StringWriter();
        var view = new JsonLinesView(output, TextWriter.Null);
        MonitorPipeline.InLogTime(batches, settings, new System.Reactive.Concurrency.HistoricalScheduler())
            .Do(view.OnEvent).LastOrDefaultAsync().Wait();
        return output.ToString();
    }

    private sealed class ThrowingParser : ILogLineParser
    {
        public string FormatName => "throwing";
        public bool TryParse(ReadOnlySpan<byte> line, out LogRecord record) => throw new InvalidOperationException("boom");
    }
}

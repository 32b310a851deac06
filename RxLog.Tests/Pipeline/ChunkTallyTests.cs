using System.Globalization;
using System.Reactive.Concurrency;
using System.Reactive.Linq;
using System.Text;
using RxLog.Parsing;
using RxLog.Pipeline;
using RxLog.Rendering;
using RxLog.Sources;
using RxLog.Tests.Parsing;
using RxLog.Tests.Support;

namespace RxLog.Tests.Pipeline;

/// <summary><c>check</c> counts records ahead on its parsing workers (<see cref="ChunkTally"/>): every report, alert
/// and summary must be exactly what counting line by line gives, wherever the chunks are cut, with late lines,
/// invalid lines, far-future spikes and months of silence on either side of a cut.</summary>
public class ChunkTallyTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.FromHours(2));

    [Theory]
    [InlineData("elastic_apache_logs/apache_logs.gz", 1.0)]          // out of order, 9,448 lines
    [InlineData("nasa_ksc_aug95_head/NASA_access_log_Aug95_head", 0.5)]   // torn lines: invalid ones in the mix
    [InlineData("lnav_test_logs/logfile_shop_access_log.0", 5.0)]
    [InlineData("monitorware_apache_2004/access_log", 0.05)]
    [InlineData("nginx_elastic_head/nginx_logs_head999", 0.2)]
    public void Real_logs_report_exactly_as_line_by_line_for_any_chunk_size(string log, double threshold)
    {
        byte[] bytes = SharedData.ReadAllBytes(log);
        var settings = new MonitorSettings(Threshold: threshold);
        string expected = LineByLine(bytes, settings);

        Assert.Contains("\"type\":\"alert\"", expected);
        foreach (int chunkBytes in new[] { 300, 4096, 65536, bytes.Length + 1 })
            Assert.Equal(expected, Tallied(bytes, settings, chunkBytes));
    }

    [Fact]
    public void Intern_tables_that_start_over_within_a_chunk_change_no_count()
    {
        // Workers count sections and clients by intern entry; tables of three entries start over every few lines,
        // handing entries to other values while a chunk is being counted.
        byte[] bytes = SharedData.ReadAllBytes("elastic_apache_logs/apache_logs.gz");
        var settings = new MonitorSettings(Threshold: 1.0);
        string expected = LineByLine(bytes, settings);

        foreach (int chunkBytes in new[] { 300, 65536, bytes.Length + 1 })
        {
            var parser = new CommonLogParser(new InternTable(maxEntries: 3), clients: new InternTable(maxEntries: 3));
            string tallied = Run(ChunksOfBytes(bytes, chunkBytes).ToParsedBatches(parser, ChunkTally.For(settings.IntervalSeconds)),
                settings);
            Assert.True(expected == tallied, $"{chunkBytes}-byte chunks");
        }
    }

    [Theory]
    [InlineData("elastic_apache_logs/apache_logs.gz", 1.0)]
    [InlineData("nasa_ksc_aug95_head/NASA_access_log_Aug95_head", 0.5)]
    [InlineData("nginx_elastic_head/nginx_logs_head999", 0.2)]
    public void Real_logs_read_in_slices_by_the_workers_report_exactly_as_line_by_line(string log, double threshold)
    {
        byte[] bytes = SharedData.ReadAllBytes(log);   // a .gz is unpacked: slices read plain files
        var settings = new MonitorSettings(Threshold: threshold);
        string expected = LineByLine(bytes, settings);
        using var dir = new TempDir();
        string path = dir.File("access.log");
        File.WriteAllBytes(path, bytes);

        foreach (int sliceBytes in new[] { 300, 4096, 65536, bytes.Length })
            foreach (int threads in new[] { 1, 2, 3 })
            {
                using var slices = FileSlices.TryOpen(path, sliceBytes)!;
                var output = new StringWriter();
                MonitorRun.Check(slices, () => new CommonLogParser(), settings, new JsonLinesView(output, TextWriter.Null),
                    threads: threads);
                Assert.True(expected == output.ToString(), $"{sliceBytes}-byte slices on {threads} threads");
            }
    }

    public static TheoryData<string, string[]> Awkward = new()
    {
        // name, then lines as "offset-seconds [section] [status]" (CLF lines are made of them), or "bad: text", or "".
        { "late lines across interval ends", ["0", "1", "9", "25 /a", "3 /late", "4 /late 500", "26", "12 /b", "40", "31", "39"] },
        { "invalid lines before, between and after runs", ["bad: first", "", "bad: second", "0", "bad: x", "1", "bad: y", "11", "bad: z", "12", "bad: last"] },
        { "a spike to 2099 mid-log", ["0", "1", "2", "SPIKE", "3", "4", "14", "15"] },
        { "a spike followed by invalid lines", ["0", "1", "SPIKE", "bad: a", "bad: b", "2", "3", "13"] },
        { "a spike as the last line", ["0", "1", "2", "12", "SPIKE"] },
        { "two spikes in a row are a jump", ["0", "1", "SPIKE", "SPIKE", "bad: after", "5", "6"] },
        { "months of silence", ["0", "1", "2", "7776000", "7776001", "7776030", "7776031 /x", "7776100"] },
        { "back by more than a day", ["0", "1", "200000", "200001", "5", "6", "200002", "200003"] },
        { "busy seconds around an alert", ["0x40", "1x40", "2x40", "3x5", "bad: mid", "4x40", "130", "131", "250"] },
    };

    [Theory]
    [MemberData(nameof(Awkward))]
    public void Awkward_logs_report_exactly_as_line_by_line_wherever_the_chunks_are_cut(string name, string[] script)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(Script(script));
        var settings = new MonitorSettings(Threshold: 1, WindowSeconds: 20, IntervalSeconds: 10);
        string expected = LineByLine(bytes, settings);

        Assert.Contains("\"type\":\"report\"", expected);
        Assert.DoesNotContain("\"type\":\"report\",\"start\":\"2026-03-01T12:00:00+02:00\",\"end\":\"2026-03-01T12:00:10+02:00\",\"hits\":0,", expected);   // the lines are hits
        for (int linesPerChunk = 1; linesPerChunk <= 9; linesPerChunk++)
        {
            string tallied = Tallied(ChunksOfLines(bytes, linesPerChunk), settings);
            Assert.True(expected == tallied, $"{name}, {linesPerChunk} lines per chunk:\n{expected}\n---\n{tallied}");
        }
    }

    [Fact]
    public void Runs_stand_for_their_lines_one_second_each_with_one_tally_per_interval()
    {
        byte[] bytes = Encoding.UTF8.GetBytes(Script(["0", "0", "1", "bad: x", "0 /late", "10", "11"]));
        var buffer = new ParsedLine[8];

        int count = ChunkTally.Tally(LogChunk(bytes, 1), new CommonLogParser(), intervalSeconds: 10, ref buffer, out int lines);

        var entries = buffer.AsSpan(0, count).ToArray();
        Assert.Equal(7, lines);
        // The chunk's first record stays a line; then runs for 0 (one hit), 1 (two: the late line counts there), 10, 11.
        Assert.Equal([LineKind.Record, LineKind.Hits, LineKind.Hits, LineKind.Hits, LineKind.Hits], entries.Select(e => e.Kind));
        Assert.Equal([0L, 0, 1, 10, 11], entries.Select(e => e.Record.Second - T0.ToUnixTimeSeconds()));
        Assert.Equal([0, 1, 2, 1, 1], entries.Select(e => e.Hits));
        Assert.Equal(3, entries[1].Tally!.Hits);          // 0, 1 and the late line, in the interval [0, 10)
        Assert.Equal(1, entries[1].Tally!.Invalid);
        Assert.Null(entries[2].Tally);
        Assert.Equal(2, entries[3].Tally!.Hits);          // 10 and 11
        Assert.Null(entries[4].Tally);
    }

    [Fact]
    public void An_interval_past_the_exact_cap_is_approximate_and_the_same_on_one_thread_and_two()
    {
        // 25,000 distinct clients in one interval, and one heavy client: Space-Saving sees the runs' keys as weights.
        var text = new StringBuilder();
        for (int i = 0; i < 25_000; i++)
        {
            text.Append(Line(i % 10, "/spread", "200", $"10.{i / 65536}.{i / 256 % 256}.{i % 256}"));
            if (i % 10 == 0) text.Append(Line(i % 10, "/heavy", "200", "192.0.2.1"));
        }
        byte[] bytes = Encoding.UTF8.GetBytes(text.ToString());
        var settings = new MonitorSettings(Threshold: 1_000_000);

        string one = Check(bytes, settings, threads: 1);
        string two = Check(bytes, settings, threads: 2);

        Assert.Equal(one, two);
        Assert.Contains("\"approximate\":true", one);
        Assert.Contains("{\"client\":\"192.0.2.1\",\"hits\":", one);
    }

    // --- helpers ---

    private static string Script(string[] script)
    {
        var text = new StringBuilder();
        foreach (var step in script)
        {
            if (step.Length == 0) text.Append('\n');
            else if (step.StartsWith("bad: ", StringComparison.Ordinal)) text.Append(step[5..]).Append('\n');
            else
            {
                var parts = step.Split(' ');
                var (at, times) = parts[0].Split('x') is [var a, var n] ? (a, int.Parse(n, CultureInfo.InvariantCulture)) : (parts[0], 1);
                long offset = at == "SPIKE" ? (long)(new DateTimeOffset(2099, 1, 1, 0, 0, 0, TimeSpan.Zero) - T0).TotalSeconds
                    : long.Parse(at, CultureInfo.InvariantCulture);
                for (int i = 0; i < times; i++)
                    text.Append(Line(offset, parts.Length > 1 ? parts[1] : "/api", parts.Length > 2 ? parts[2] : "200", $"10.0.0.{i % 7}"));
            }
        }
        return text.ToString();
    }

    private static string Line(long offset, string path, string status, string client)
    {
        string time = T0.AddSeconds(offset).ToString("dd/MMM/yyyy:HH:mm:ss zzz", CultureInfo.InvariantCulture).Remove(24, 1);
        return $"{client} - - [{time}] \"GET {path}/page HTTP/1.1\" {status} {1000 + offset % 97} \"-\" \"agent\" 0.{offset % 1000:000}\n";
    }

    private static string LineByLine(byte[] bytes, MonitorSettings settings) =>
        Run(ChunksOfBytes(bytes, bytes.Length + 1).ToParsedBatches(new CommonLogParser()), settings);

    private static string Tallied(byte[] bytes, MonitorSettings settings, int chunkBytes) =>
        Tallied(ChunksOfBytes(bytes, chunkBytes), settings);

    private static string Tallied(IObservable<LineChunk> chunks, MonitorSettings settings) =>
        Run(chunks.ToParsedBatches(new CommonLogParser(), ChunkTally.For(settings.IntervalSeconds)), settings);

    private static string Run(IObservable<ParsedBatch> batches, MonitorSettings settings)
    {
        var output = new StringWriter();
        var view = new JsonLinesView(output, TextWriter.Null);
        foreach (var e in MonitorPipeline.InLogTime(batches, settings, new HistoricalScheduler()).ToEnumerable()) view.OnEvent(e);
        return output.ToString();
    }

    private static string Check(byte[] bytes, MonitorSettings settings, int threads)
    {
        var output = new StringWriter();
        MonitorRun.Check(ChunksOfBytes(bytes, 64 * 1024), () => new CommonLogParser(), settings,
            new JsonLinesView(output, TextWriter.Null), threads: threads);
        return output.ToString();
    }

    private static LineChunk LogChunk(byte[] bytes, long firstLine) => new("test", bytes, bytes.Length, firstLine);

    // Whole lines of about `size` bytes each (at least one line), in a reused buffer as sources have.
    private static IObservable<LineChunk> ChunksOfBytes(byte[] bytes, int size) =>
        Cut(bytes, start =>
        {
            int end = Math.Min(start + size, bytes.Length);
            if (end == bytes.Length) return end;
            int cut = bytes.AsSpan(start, end - start).LastIndexOf((byte)'\n') + start + 1;
            return cut > start ? cut : bytes.AsSpan(start).IndexOf((byte)'\n') + start + 1;
        });

    private static IObservable<LineChunk> ChunksOfLines(byte[] bytes, int lines) =>
        Cut(bytes, start =>
        {
            int end = start;
            for (int i = 0; i < lines && end < bytes.Length; i++) end += bytes.AsSpan(end).IndexOf((byte)'\n') + 1;
            return end;
        });

    private static IObservable<LineChunk> Cut(byte[] bytes, Func<int, int> endOf) =>
        Observable.Create<LineChunk>(observer =>
        {
            var buffer = new byte[bytes.Length + 1];
            int start = 0;
            long line = 1;
            while (start < bytes.Length)
            {
                int end = endOf(start);
                bytes.AsSpan(start, end - start).CopyTo(buffer);
                observer.OnNext(new LineChunk("test", buffer, end - start, line));
                line += bytes.AsSpan(start, end - start).Count((byte)'\n');
                start = end;
            }
            observer.OnCompleted();
            return () => { };
        });
}

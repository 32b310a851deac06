using BenchmarkDotNet.Attributes;
using RxLog.Generation;
using RxLog.Parsing;
using RxLog.Parsing.Templates;
using RxLog.Parsing.W3c;

namespace RxLog.Benchmarks;

/// <summary>One parser per format over <see cref="BenchLines.Count"/> realistic lines; results are per line
/// (<c>OperationsPerInvoke</c>), so "Allocated" is bytes per line. Each parser has read its whole input once before
/// measuring (sections and clients interned, timestamp caches warm): the steady state of a long file.</summary>
[MemoryDiagnoser]
public class ParserBenchmarks
{
    private const int N = BenchLines.Count;

    private ILogLineParser _common = null!, _combined = null!, _requestTime = null!, _vhost = null!, _w3c = null!,
        _json = null!, _nginx = null!, _apache = null!, _regex = null!, _auto = null!;
    private byte[][] _commonLines = null!, _combinedLines = null!, _requestTimeLines = null!, _vhostLines = null!,
        _w3cLines = null!, _jsonLines = null!, _nginxLines = null!, _apacheLines = null!;

    [GlobalSetup]
    public void Setup()
    {
        _commonLines = BenchLines.Generate(GeneratedFormat.Common);
        _combinedLines = BenchLines.Generate(GeneratedFormat.Combined);
        _requestTimeLines = BenchLines.WithRequestTime(_combinedLines);
        _vhostLines = BenchLines.VirtualHost(_combinedLines);
        _nginxLines = BenchLines.Nginx(_combinedLines);
        _apacheLines = BenchLines.Apache(_combinedLines);
        _jsonLines = BenchLines.Generate(GeneratedFormat.Json);
        byte[][] w3cAll = BenchLines.Generate(GeneratedFormat.W3c);
        _w3cLines = [.. w3cAll.Where(l => l.Length > 0 && l[0] != (byte)'#')];

        _common = Warm(new CommonLogParser(), _commonLines);
        _combined = Warm(new CommonLogParser(), _combinedLines);
        _requestTime = Warm(new CommonLogParser(), _requestTimeLines, needDuration: true);
        _vhost = Warm(CommonLogParser.WithVirtualHost(), _vhostLines);
        _w3c = new W3cParser();
        foreach (var directive in w3cAll.TakeWhile(l => l.Length > 0 && l[0] == (byte)'#'))
        {
            if (_w3c.TryParse(directive, out _) || !_w3c.IsDirective(directive)) throw new InvalidOperationException("W3C header");
        }

        Warm(_w3c, _w3cLines);
        _json = Warm(new JsonLineParser(), _jsonLines);
        _nginx = Warm(LogFormatTemplate.Compile(BenchLines.NginxFormat), _nginxLines, needDuration: true);
        _apache = Warm(LogFormatTemplate.Compile(BenchLines.ApacheFormat), _apacheLines, needDuration: true);
        _regex = Warm(RegexLineParser.Create(BenchLines.Regex, null), _combinedLines);
        _auto = Warm(LogFormats.Create("auto"), _combinedLines);
    }

    // Two passes, and every line must parse (to the right hit count): a benchmark of a parser that rejects its
    // input would measure the wrong path.
    private static ILogLineParser Warm(ILogLineParser parser, byte[][] lines, bool needDuration = false)
    {
        if (lines.Length != N) throw new InvalidOperationException($"{parser.FormatName}: {lines.Length} lines, expected {N}");
        for (int pass = 0; pass < 2; pass++)
        {
            foreach (var line in lines)
            {
                if (!parser.TryParse(line, out var r) || r.Section is null || r.Client is null || (needDuration && !r.HasDuration))
                    throw new InvalidOperationException($"{parser.FormatName} did not read: {System.Text.Encoding.UTF8.GetString(line)}");
            }
        }

        return parser;
    }

    private static long ParseAll(ILogLineParser parser, byte[][] lines)
    {
        long sum = 0;
        foreach (var line in lines)
        {
            if (parser.TryParse(line, out var r)) sum += r.Bytes + r.Status;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = N, Baseline = true, Description = "Combined")]
    public long Combined() => ParseAll(_combined, _combinedLines);

    [Benchmark(OperationsPerInvoke = N, Description = "Common")]
    public long Common() => ParseAll(_common, _commonLines);

    [Benchmark(OperationsPerInvoke = N, Description = "Combined + $request_time")]
    public long CombinedRequestTime() => ParseAll(_requestTime, _requestTimeLines);

    [Benchmark(OperationsPerInvoke = N, Description = "vhost_combined")]
    public long VirtualHost() => ParseAll(_vhost, _vhostLines);

    [Benchmark(OperationsPerInvoke = N, Description = "W3C (IIS)")]
    public long W3c() => ParseAll(_w3c, _w3cLines);

    [Benchmark(OperationsPerInvoke = N, Description = "JSON lines")]
    public long Json() => ParseAll(_json, _jsonLines);

    [Benchmark(OperationsPerInvoke = N, Description = "nginx log_format")]
    public long NginxTemplate() => ParseAll(_nginx, _nginxLines);

    [Benchmark(OperationsPerInvoke = N, Description = "Apache LogFormat")]
    public long ApacheTemplate() => ParseAll(_apache, _apacheLines);

    [Benchmark(OperationsPerInvoke = N, Description = "--regex (Combined)")]
    public long Regex() => ParseAll(_regex, _combinedLines);

    [Benchmark(OperationsPerInvoke = N, Description = "auto -> Combined")]
    public long Auto() => ParseAll(_auto, _combinedLines);
}

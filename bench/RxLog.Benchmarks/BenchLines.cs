using System.Globalization;
using System.Text;
using RxLog.Generation;

namespace RxLog.Benchmarks;

/// <summary>The benchmark inputs: one generated run (rxlog's own generator, seed 1, 200 hits/s) written in every
/// layout rxlog reads, held in memory as one <c>byte[]</c> per line (no terminator).</summary>
/// <remarks>Common, Combined, W3C and JSON come straight from <see cref="LogGenerator"/>; the other layouts are
/// rewritten from the Combined lines the way <c>bench/formats.awk</c> does it, so these are the lines
/// <c>bench/formats.sh</c> times end to end.</remarks>
public static class BenchLines
{
    /// <summary>Lines per benchmark invocation (and <c>OperationsPerInvoke</c>).</summary>
    public const int Count = 20_000;

    /// <summary>nginx <c>log_format</c> used by formats.sh.</summary>
    public const string NginxFormat = "$time_iso8601 $status \"$request\" rt=$request_time $body_bytes_sent \"$http_user_agent\" $remote_addr";

    /// <summary>Apache <c>LogFormat</c> used by formats.sh.</summary>
    public const string ApacheFormat = "%h %u [%{%Y-%m-%d %H:%M:%S}t] %D \"%r\" %>s %B";

    /// <summary><c>--regex</c> used by formats.sh (read with the default <c>clf</c> time format).</summary>
    public const string Regex = "^(?<client>\\S+) \\S+ \\S+ \\[(?<time>[^\\]]+)\\] \"(?<request>[^\"]*)\" (?<status>\\d{3}) (?<bytes>\\d+|-)";

    /// <summary>Every line of the generated log in <paramref name="format"/>, W3C's <c>#</c> directives included.</summary>
    public static byte[][] Generate(GeneratedFormat format, int lines = Count)
    {
        var options = new GeneratorOptions { Lines = lines, Rate = 200, Seed = 1, Format = format };
        using var stream = new MemoryStream();
        LogGenerator.WriteTo(options, stream);
        return Split(stream.ToArray());
    }

    /// <summary>Combined lines with nginx's <c>$request_time</c> after the agent (<c>… "agent" 0.123</c>);
    /// the time is made up from the bytes, as formats.awk does.</summary>
    public static byte[][] WithRequestTime(byte[][] combined) =>
        Map(combined, l => $"{l} {RequestTimeOf(l).ToString("0.000", CultureInfo.InvariantCulture)}");

    /// <summary>Apache <c>vhost_combined</c>: <c>www.example.com:443 </c> before the Combined line.</summary>
    public static byte[][] VirtualHost(byte[][] combined) => Map(combined, l => "www.example.com:443 " + l);

    /// <summary>The Combined lines in <see cref="NginxFormat"/> (formats.awk).</summary>
    public static byte[][] Nginx(byte[][] combined) => Map(combined, l =>
    {
        var f = Fields(l);
        string bytes = f.Bytes.ToString(CultureInfo.InvariantCulture);
        return $"{f.Time:yyyy-MM-dd'T'HH:mm:sszzz} {f.Status} \"{f.Request}\" rt={((f.Bytes % 2000) / 1000.0).ToString("0.000", CultureInfo.InvariantCulture)} {bytes} \"{f.Agent}\" {f.Host}";
    });

    /// <summary>The Combined lines in <see cref="ApacheFormat"/> (formats.awk).</summary>
    public static byte[][] Apache(byte[][] combined) => Map(combined, l =>
    {
        var f = Fields(l);
        return $"{f.Host} {f.User} [{f.Time:yyyy-MM-dd HH:mm:ss}] {f.Bytes * 7 % 3_000_000} \"{f.Request}\" {f.Status} {f.Bytes}";
    });

    private static double RequestTimeOf(string combinedLine) => (Fields(combinedLine).Bytes % 2000) / 1000.0;

    private readonly record struct CombinedFields(string Host, string User, DateTimeOffset Time, string Request, string Status, long Bytes, string Agent);

    // Split at double quotes like formats.awk: 'host ident user [time] ', request, ' status bytes ', referer, ' ', agent.
    private static CombinedFields Fields(string line)
    {
        string[] q = line.Split('"');
        if (q.Length != 7) throw new InvalidDataException($"not a generated Combined line: {line}");
        string[] head = q[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        string stamp = head[3][1..] + " " + head[4][..^1];
        var time = DateTimeOffset.ParseExact(stamp, "dd/MMM/yyyy:HH:mm:ss zzz", CultureInfo.InvariantCulture);
        string[] statusBytes = q[2].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        long bytes = statusBytes[1] == "-" ? 0 : long.Parse(statusBytes[1], CultureInfo.InvariantCulture);
        return new CombinedFields(head[0], head[2], time, q[1], statusBytes[0], bytes, q[5]);
    }

    private static byte[][] Map(byte[][] lines, Func<string, string> rewrite) =>
        [.. lines.Select(l => Encoding.UTF8.GetBytes(rewrite(Encoding.UTF8.GetString(l))))];

    private static byte[][] Split(byte[] text)
    {
        var lines = new List<byte[]>();
        int start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] != (byte)'\n') continue;
            lines.Add(text[start..i]);
            start = i + 1;
        }

        if (start < text.Length) lines.Add(text[start..]);
        return [.. lines];
    }
}

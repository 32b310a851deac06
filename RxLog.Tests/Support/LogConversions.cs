using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace RxLog.Tests.Support;

/// <summary>Rewrites Common/Combined lines into the other formats rxlog reads, hit for hit, so that one traffic can be
/// checked in each (issue 4 "the same traffic gives exactly the same reports and alerts").</summary>
internal static partial class LogConversions
{
    /// <summary>One hit as a CLF line states it.</summary>
    public sealed record Hit(string Client, string User, DateTimeOffset Time, string Request, string Status, string Bytes,
        string Referer, string Agent)
    {
        public string Method => Request.Split(' ')[0];

        public string Target => Request.Split(' ') is { Length: > 1 } parts ? parts[1] : "-";

        public string Stem => Target.Split('?')[0];

        public string Query => Target.IndexOf('?') is >= 0 and var q && q + 1 < Target.Length ? Target[(q + 1)..] : "-";

        public long ByteCount => Bytes == "-" ? 0 : long.Parse(Bytes, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex("""^(\S+) \S+ (\S+) \[([^\]]+)\] "((?:[^"\\]|\\.)*)" (\d{3}) (\d+|-)(?: "((?:[^"\\]|\\.)*)" "((?:[^"\\]|\\.)*)")?""")]
    private static partial Regex ClfLine();

    /// <summary>The hits of <paramref name="lines"/> whose request is a plain <c>METHOD /path PROTOCOL</c> (what every
    /// format can carry); other lines are left out of every rewriting alike.</summary>
    public static List<Hit> Hits(IEnumerable<string> lines)
    {
        var hits = new List<Hit>();
        foreach (string line in lines)
        {
            var m = ClfLine().Match(line);
            if (!m.Success || m.Groups[4].Value.Split(' ') is not [_, ['/', ..], _] || m.Groups[4].Value.Contains('\\')) continue;
            var time = DateTimeOffset.ParseExact(m.Groups[3].Value, "dd/MMM/yyyy:HH:mm:ss zzz", CultureInfo.InvariantCulture);
            hits.Add(new Hit(m.Groups[1].Value, m.Groups[2].Value, time, m.Groups[4].Value, m.Groups[5].Value, m.Groups[6].Value,
                m.Groups[7].Success ? m.Groups[7].Value : "-", m.Groups[8].Success ? m.Groups[8].Value : "-"));
        }
        return hits;
    }

    public static string Clf(DateTimeOffset t) => t.ToString("dd/MMM/yyyy:HH:mm:ss ", CultureInfo.InvariantCulture)
                                                  + t.ToString("zzz", CultureInfo.InvariantCulture).Replace(":", "", StringComparison.Ordinal);

    public static IEnumerable<string> Combined(IEnumerable<Hit> hits) => hits.Select(h =>
        $"{h.Client} - {h.User} [{Clf(h.Time)}] \"{h.Request}\" {h.Status} {h.Bytes} \"{h.Referer}\" \"{h.Agent}\"");

    /// <summary>IIS-style W3C, UTC, with the header block repeated every <paramref name="restartEvery"/> lines as after a
    /// worker restart, and the columns reordered in the second half (a new <c>#Fields:</c>).</summary>
    public static IEnumerable<string> W3c(IReadOnlyList<Hit> hits, int restartEvery = 500)
    {
        const string first = "date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status sc-bytes time-taken";
        const string second = "date time c-ip cs-username cs-method cs-uri-stem cs-uri-query sc-status sc-bytes cs(User-Agent)";
        for (int i = 0; i < hits.Count; i++)
        {
            bool late = i >= hits.Count / 2;
            if (i % restartEvery == 0 || i == hits.Count / 2)
            {
                yield return "#Software: Microsoft Internet Information Services 10.0";
                yield return "#Version: 1.0";
                yield return $"#Date: {hits[i].Time.UtcDateTime:yyyy-MM-dd HH:mm:ss}";
                yield return "#Fields: " + (late ? second : first);
            }
            var h = hits[i];
            string when = h.Time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            string agent = Dash(h.Agent.Replace(' ', '+'));
            string user = h.User;
            yield return late
                ? $"{when} {h.Client} {user} {h.Method} {h.Stem} {h.Query} {h.Status} {h.ByteCount} {agent}"
                : $"{when} 10.0.0.1 {h.Method} {h.Stem} {h.Query} 443 {user} {h.Client} {agent} {Dash(h.Referer)} {h.Status} 0 0 {h.ByteCount} 15";
        }
    }

    public static IEnumerable<string> JsonLines(IEnumerable<Hit> hits) => hits.Select(h => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["@timestamp"] = h.Time.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
        ["remote_addr"] = h.Client,
        ["request"] = h.Request,
        ["status"] = int.Parse(h.Status, CultureInfo.InvariantCulture),
        ["body_bytes_sent"] = h.Bytes,
        ["http_user_agent"] = h.Agent,
        ["request_time"] = 0.015,
    }));

    /// <summary>A custom nginx <c>log_format</c> with its fields reordered and extras among them.</summary>
    public const string NginxFormat =
        "$time_iso8601 $status \"$request_method $request_uri $server_protocol\" rt=$request_time $body_bytes_sent upstream=$upstream_response_time host=$host \"$http_user_agent\" $remote_addr";

    public static IEnumerable<string> Nginx(IEnumerable<Hit> hits) => hits.Select(h =>
        $"{h.Time:yyyy-MM-dd'T'HH:mm:sszzz} {h.Status} \"{h.Request}\" rt=0.015 {h.ByteCount} upstream=0.014, 0.001 host=example.com \"{h.Agent}\" {h.Client}");

    /// <summary>A custom Apache <c>LogFormat</c> with an strftime time (no zone: UTC) and <c>%D</c>.</summary>
    public const string ApacheFormat = "%v:%p %h %u [%{%Y-%m-%d %H:%M:%S}t] %D \"%r\" %>s %B \"%{User-agent}i\"";

    public static IEnumerable<string> Apache(IEnumerable<Hit> hits) => hits.Select(h =>
        $"www.example.com:443 {h.Client} {h.User} [{h.Time.UtcDateTime:yyyy-MM-dd HH:mm:ss}] 15000 \"{h.Request}\" {h.Status} {h.ByteCount} \"{h.Agent}\"");

    public static void WriteGzip(string path, IEnumerable<string> lines)
    {
        using var gzip = new GZipStream(File.Create(path), CompressionLevel.Fastest);
        using var writer = new StreamWriter(gzip, new UTF8Encoding(false)) { NewLine = "\r\n" };   // IIS writes CRLF
        foreach (string line in lines) writer.WriteLine(line);
    }

    private static string Dash(string value) => value.Length == 0 ? "-" : value;
}

using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using RxLog.Aggregation;
using RxLog.Alerting;
using RxLog.Alerting.Rules;
using RxLog.Pipeline;

namespace RxLog.Rendering;

/// <summary>Newline-delimited JSON for <c>--json</c> (Rendering stage): one object per event, the schema of
/// CONTRACT.md "Machine-readable output", nothing else on the output; notices go to the error writer.</summary>
/// <remarks>
/// Written with <see cref="Utf8JsonWriter"/> (no reflection: the binary is trimmed). Additions to the contract's
/// fields: reports carry <c>"window_hits"</c> (the window total behind <c>avg</c>), <c>"approximate"</c> (always, a
/// bool) and <c>"other"</c> in <c>status</c> (codes outside 2xx–5xx, and hits of a format without a status, so the
/// classes sum to <c>hits</c>); reports and the summary end with
/// <c>"response_time":{"count","avg_ms","p50_ms","p95_ms","p99_ms"}</c> when hits carried a response time, and
/// leave it out otherwise. Milliseconds have at most 3 decimals (whole microseconds); a
/// percentile of <c>4294967.296</c> (2^32 µs, <see cref="ResponseTimeHistogram.TopMicros"/>) means "at least that".
/// Strings use <see cref="JavaScriptEncoder.Default"/>: every non-ASCII and control character becomes <c>\uXXXX</c>,
/// so the output is pure ASCII, decodes to exactly the log's text, and cannot drive a terminal it is printed on
/// (C1 controls, bidi overrides and U+2028 included); it also writes <c>+ &amp; ' &lt; &gt; `</c> in log text as
/// <c>\u002B</c> and so on, which any JSON reader decodes. Times, our own ASCII, are written plainly
/// (<c>+00:00</c>). A lone surrogate, which no UTF-8 text can hold, is written as
/// <c>\uFFFD</c>. <c>avg</c> is the exact double in its shortest round-trip form (<c>1.0083333333333333</c>,
/// <c>2</c>). Each line is flushed, unless told not to (<c>check</c> into a file or a pipe). Write errors (a closed pipe) are not caught: the pipeline stops on them.
/// </remarks>
public sealed class JsonLinesView : IMonitorView
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.Default, Indented = false };

    private readonly TextWriter? _text;
    private readonly Stream? _stream;
    private readonly TextWriter _errors;
    private readonly DisplayZone? _zone;
    private readonly ArrayBufferWriter<byte> _buffer = new(512); // reused for every line
    private readonly Utf8JsonWriter _json;
    private readonly bool _flushEachEvent;
    private char[] _chars = new char[512];                       // the line for a TextWriter, reused

    /// <param name="output">Where the JSON lines go (stdout).</param>
    /// <param name="errors">Notices, prefixed <c>rxlog: </c> (stderr).</param>
    /// <param name="zone">Zone for the times (<c>--tz</c>); null keeps the events' own offset.</param>
    /// <param name="flushEachEvent">Flush after every line; else the writer's buffer decides, and the summary flushes.</param>
    public JsonLinesView(TextWriter output, TextWriter errors, DisplayZone? zone = null, bool flushEachEvent = true)
        : this(errors, zone, flushEachEvent)
    {
        ArgumentNullException.ThrowIfNull(output);
        _text = output;
    }

    /// <param name="output">Where the UTF-8 JSON lines go (stdout as a stream), written without a BOM.</param>
    /// <param name="errors">Notices, prefixed <c>rxlog: </c> (stderr).</param>
    /// <param name="zone">Zone for the times (<c>--tz</c>); null keeps the events' own offset.</param>
    public JsonLinesView(Stream output, TextWriter errors, DisplayZone? zone = null)
        : this(errors, zone, flushEachEvent: true)
    {
        ArgumentNullException.ThrowIfNull(output);
        _stream = output;
    }

    private JsonLinesView(TextWriter errors, DisplayZone? zone, bool flushEachEvent)
    {
        _flushEachEvent = flushEachEvent;
        ArgumentNullException.ThrowIfNull(errors);
        _errors = errors;
        _zone = zone;
        _json = new Utf8JsonWriter(_buffer, Options);
    }

    /// <inheritdoc/>
    public void OnEvent(MonitorEvent monitorEvent)
    {
        _buffer.ResetWrittenCount();
        _json.Reset(_buffer);
        switch (monitorEvent)
        {
            case TrafficReport report:
                WriteReport(report);
                break;
            case AlertRaised alert:
                WriteAlert("alert", alert.Time, alert.Average, alert.WindowHits, alert.Threshold, alert.WindowSeconds);
                WriteBuiltInRule(alert.Average, alert.Labels);
                _json.WriteEndObject();
                break;
            case AlertRecovered r:
                WriteAlert("recovered", r.Time, r.Average, r.WindowHits, r.Threshold, r.WindowSeconds);
                _json.WriteNumber("duration", r.DurationSeconds);
                WriteBuiltInRule(r.Average, r.Labels);
                _json.WriteEndObject();
                break;
            case RuleRaised raised:
                WriteRuleAlert("alert", raised.Time, raised.Rule, raised.Value);
                _json.WriteEndObject();
                break;
            case RuleRecovered recovered:
                WriteRuleAlert("recovered", recovered.Time, recovered.Rule, recovered.Value);
                _json.WriteNumber("duration", recovered.DurationSeconds);
                _json.WriteEndObject();
                break;
            case RunSummary summary:
                WriteSummary(summary);
                break;
            default:
                return; // an event kind without a schema: nothing on stdout
        }

        _json.Flush();
        // The newline goes in the same buffer, so a line and its '\n' leave in one write(2): a reader of the pipe
        // never sees half a line, and a report costs one system call, not two.
        _buffer.GetSpan(1)[0] = (byte)'\n';
        _buffer.Advance(1);
        WriteLine(_buffer.WrittenSpan, _flushEachEvent || monitorEvent is RunSummary);
    }

    /// <inheritdoc/>
    public void OnNotice(string message)
    {
        _errors.WriteLine("rxlog: " + TerminalText.Sanitize(message ?? ""));
        _errors.Flush();
    }

    private void WriteReport(TrafficReport report)
    {
        _json.WriteStartObject();
        _json.WriteString(N.Type, N.Report);
        WriteTime(N.Start, report.Start);
        WriteTime(N.End, report.End);
        _json.WriteNumber(N.Hits, report.Hits);
        _json.WriteStartArray(N.Sections);
        var sections = report.Sections;
        for (int i = 0; i < sections.Count; i++)   // not foreach: an enumerator per report
        {
            var section = sections[i];
            _json.WriteStartObject();
            _json.WriteString(N.Section, section.Section);
            _json.WriteNumber(N.Hits, section.Hits);
            _json.WriteEndObject();
        }

        _json.WriteEndArray();
        _json.WriteStartObject(N.Status);
        _json.WriteNumber(N.S2xx, report.Status.S2xx);
        _json.WriteNumber(N.S3xx, report.Status.S3xx);
        _json.WriteNumber(N.S4xx, report.Status.S4xx);
        _json.WriteNumber(N.S5xx, report.Status.S5xx);
        _json.WriteNumber(N.Other, report.Status.Other);
        _json.WriteEndObject();
        _json.WriteNumber(N.Bytes, report.Bytes);
        _json.WriteNumber(N.Invalid, report.Invalid);
        WriteDouble(N.Avg, report.Average);
        _json.WriteBoolean(N.Alerting, report.Alerting);
        _json.WriteNumber(N.WindowHits, report.WindowHits);
        _json.WriteBoolean(N.Approximate, report.Approximate || report.ClientsApproximate);
        WriteResponseTime(report.ResponseTime);
        WriteClients(report.Clients);
        if (report.Hosts is { } hosts)
        {
            // "hosts":[{"host":"web1","hits":120}], rxlog receive only
            _json.WriteStartArray(N.Hosts);
            for (int i = 0; i < hosts.Count; i++)
            {
                _json.WriteStartObject();
                _json.WriteString(N.Host, hosts[i].Source);
                _json.WriteNumber(N.Hits, hosts[i].Hits);
                _json.WriteEndObject();
            }
            _json.WriteEndArray();
        }
        if (report.AlertingRules is { } alerting)
        {
            _json.WriteStartArray(N.RulesAlerting);
            foreach (var name in alerting) _json.WriteStringValue(name);
            _json.WriteEndArray();
        }
        _json.WriteEndObject();
    }

    // "clients":[{"client":"203.0.113.9","hits":120,"bytes":1234}], only when the format names clients.
    private void WriteClients(IReadOnlyList<ClientCount>? clients)
    {
        if (clients is null) return;
        _json.WriteStartArray(N.Clients);
        for (int i = 0; i < clients.Count; i++)
        {
            var client = clients[i];
            _json.WriteStartObject();
            _json.WriteString(N.Client, client.Client);
            _json.WriteNumber(N.Hits, client.Hits);
            _json.WriteNumber(N.Bytes, client.Bytes);
            _json.WriteEndObject();
        }

        _json.WriteEndArray();
    }

    // Leaves the object open so "recovered" can add its duration.
    private void WriteAlert(string type, DateTimeOffset time, double average, long hits, double threshold, int window)
    {
        _json.WriteStartObject();
        _json.WriteString("type", type);
        WriteTime(N.Time, time);
        WriteDouble("avg", average);
        _json.WriteNumber("hits", hits);
        WriteDouble("threshold", threshold);
        _json.WriteNumber("window", window);
    }

    // CONTRACT.md "Rules": the built-in rule's events name it like any rule's.
    private void WriteBuiltInRule(double average, IReadOnlyList<KeyValuePair<string, string>>? labels)
    {
        _json.WriteString("rule", AlertRule.HighTrafficName);
        _json.WriteString("kind", "rate");
        WriteDouble("value", average);
        WriteLabels(labels ?? []);
    }

    // A rules-file rule's alert or recovery, left open for the duration. Values in base units: hits/s, a fraction,
    // seconds; rate rules also carry the built-in rule's avg and hits.
    private void WriteRuleAlert(string type, DateTimeOffset time, AlertRule rule, RuleValue value)
    {
        _json.WriteStartObject();
        _json.WriteString("type", type);
        WriteTime(N.Time, time);
        _json.WriteString("rule", rule.Name);
        _json.WriteString("kind", rule.KindName);
        WriteDouble("value", RuleValue.InMetricUnits(rule, value));
        WriteDouble("threshold", RuleValue.ThresholdInMetricUnits(rule));
        _json.WriteNumber("window", rule.WindowSeconds);
        switch (rule.Kind)
        {
            case RuleKind.Rate:
                WriteDouble("avg", value.Value);
                _json.WriteNumber("hits", value.Matching);
                break;
            case RuleKind.Ratio:
                _json.WriteNumber("hits", value.Matching);
                _json.WriteNumber("total", value.All);
                break;
            case RuleKind.Latency:
                WriteDouble("percentile", rule.Percentile);
                _json.WriteNumber("hits", value.Matching);
                break;
        }
        WriteLabels(rule.LabelList);
        if (rule.Summary is { } summary) _json.WriteString("summary", summary);
        _json.WriteString("message", value.Text(rule));
    }

    private void WriteLabels(IReadOnlyList<KeyValuePair<string, string>> labels)
    {
        _json.WriteStartObject("labels");
        foreach (var (name, value) in labels) _json.WriteString(name, value);
        _json.WriteEndObject();
    }

    private void WriteSummary(RunSummary summary)
    {
        _json.WriteStartObject();
        _json.WriteString("type", "summary");
        WriteTime(N.Start, summary.Start);
        WriteTime(N.End, summary.End);
        _json.WriteNumber("hits", summary.Hits);
        _json.WriteNumber("invalid", summary.Invalid);
        _json.WriteNumber("alerts", summary.Alerts);
        _json.WriteBoolean("alerting", summary.Alerting);
        if (summary.Rules is { } rules)
        {
            _json.WriteStartArray("rules");
            foreach (var rule in rules)
            {
                _json.WriteStartObject();
                _json.WriteString("rule", rule.Rule);
                _json.WriteNumber("alerts", rule.Alerts);
                _json.WriteBoolean("alerting", rule.Alerting);
                _json.WriteEndObject();
            }
            _json.WriteEndArray();
        }
        if (summary.Format is not null) _json.WriteString("format", JsonEncodedText.Encode(summary.Format, JavaScriptEncoder.UnsafeRelaxedJsonEscaping));
        WriteResponseTime(summary.ResponseTime);
        if (summary.Rejects is { } rejects)
        {
            _json.WriteStartObject("rejects");
            _json.WriteString("path", rejects.Path);
            _json.WriteNumber("count", rejects.Count);
            _json.WriteEndObject();
        }
        _json.WriteEndObject();
    }

    // Absent when no hit carried a response time, so logs without them give exactly the output they always did.
    private void WriteResponseTime(ResponseTimeStats? times)
    {
        if (times is null)
        {
            return;
        }

        _json.WriteStartObject("response_time");
        _json.WriteNumber("count", times.Count);
        _json.WriteNumber("avg_ms", Milliseconds(Math.Round(times.AverageMicros, MidpointRounding.AwayFromZero)));
        _json.WriteNumber("p50_ms", Milliseconds(times.P50Micros));
        _json.WriteNumber("p95_ms", Milliseconds(times.P95Micros));
        _json.WriteNumber("p99_ms", Milliseconds(times.P99Micros));
        _json.WriteEndObject();
    }

    // Whole microseconds / 1000 is the double nearest the 3-decimal value, so it is written as that decimal (123.457).
    private static double Milliseconds(double wholeMicros) => wholeMicros / 1000;

    private void WriteTime(JsonEncodedText name, DateTimeOffset? time)
    {
        if (time is { } t)
        {
            // Our own ASCII text, written raw: the default encoder would write '+' as \u002B. No string per time.
            Span<byte> quoted = stackalloc byte[40];
            quoted[0] = (byte)'"';
            int length = TimeFormat.WriteIso(_zone?.Convert(t) ?? t, quoted[1..]);
            quoted[length + 1] = (byte)'"';
            _json.WritePropertyName(name);
            _json.WriteRawValue(quoted[..(length + 2)], skipInputValidation: true);
        }
        else
        {
            _json.WriteNull(name);
        }
    }

    private void WriteDouble(JsonEncodedText name, double value)
    {
        if (double.IsFinite(value)) _json.WriteNumber(name, value);
        else _json.WriteNull(name);
    }

    // Utf8JsonWriter writes the shortest round-trip form; it throws on NaN and infinities, which JSON cannot hold.
    private void WriteDouble(string name, double value)
    {
        if (double.IsFinite(value))
        {
            _json.WriteNumber(name, value);
        }
        else
        {
            _json.WriteNull(name);
        }
    }

    // `line` ends with its '\n'.
    private void WriteLine(ReadOnlySpan<byte> line, bool flush)
    {
        if (_stream is not null)
        {
            _stream.Write(line);
            if (flush) _stream.Flush();
        }
        else
        {
            // The encoder made the line pure ASCII, so widening its bytes cannot fail or change it.
            if (_chars.Length < line.Length) _chars = new char[Math.Max(line.Length, _chars.Length * 2)];
            int count = Encoding.Latin1.GetChars(line, _chars);
            _text!.Write(_chars, 0, count);
            if (flush) _text.Flush();
        }
    }

    // Property names, encoded once: a quiet log writes a report every few lines.
    private static class N
    {
        public static readonly JsonEncodedText S2xx = JsonEncodedText.Encode("2xx");
        public static readonly JsonEncodedText S3xx = JsonEncodedText.Encode("3xx");
        public static readonly JsonEncodedText S4xx = JsonEncodedText.Encode("4xx");
        public static readonly JsonEncodedText S5xx = JsonEncodedText.Encode("5xx");
        public static readonly JsonEncodedText Alerting = JsonEncodedText.Encode("alerting");
        public static readonly JsonEncodedText Approximate = JsonEncodedText.Encode("approximate");
        public static readonly JsonEncodedText Avg = JsonEncodedText.Encode("avg");
        public static readonly JsonEncodedText Bytes = JsonEncodedText.Encode("bytes");
        public static readonly JsonEncodedText Client = JsonEncodedText.Encode("client");
        public static readonly JsonEncodedText Clients = JsonEncodedText.Encode("clients");
        public static readonly JsonEncodedText Hosts = JsonEncodedText.Encode("hosts");
        public static readonly JsonEncodedText Host = JsonEncodedText.Encode("host");
        public static readonly JsonEncodedText End = JsonEncodedText.Encode("end");
        public static readonly JsonEncodedText Hits = JsonEncodedText.Encode("hits");
        public static readonly JsonEncodedText Invalid = JsonEncodedText.Encode("invalid");
        public static readonly JsonEncodedText Other = JsonEncodedText.Encode("other");
        public static readonly JsonEncodedText Report = JsonEncodedText.Encode("report");
        public static readonly JsonEncodedText RulesAlerting = JsonEncodedText.Encode("rules_alerting");
        public static readonly JsonEncodedText Section = JsonEncodedText.Encode("section");
        public static readonly JsonEncodedText Sections = JsonEncodedText.Encode("sections");
        public static readonly JsonEncodedText Start = JsonEncodedText.Encode("start");
        public static readonly JsonEncodedText Status = JsonEncodedText.Encode("status");
        public static readonly JsonEncodedText Time = JsonEncodedText.Encode("time");
        public static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");
        public static readonly JsonEncodedText WindowHits = JsonEncodedText.Encode("window_hits");
    }
}

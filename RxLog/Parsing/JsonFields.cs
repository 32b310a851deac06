using System.Text;

namespace RxLog.Parsing;

/// <summary>What a JSON field means to rxlog.</summary>
public enum JsonRole : byte { Time, Status, Bytes, Path, Request, Duration, Client }

/// <summary>One place a value may be found: a path of property names (<c>request.uri</c>) and what it means.</summary>
/// <param name="DurationUnitMicros">For durations: microseconds per unit written (1,000,000 for seconds).</param>
public sealed record JsonField(JsonRole Role, byte[][] Path, long DurationUnitMicros = 1_000_000)
{
    public static JsonField Of(JsonRole role, string dottedPath, long durationUnitMicros = 1_000_000) =>
        new(role, dottedPath.Split('.').Select(Encoding.UTF8.GetBytes).ToArray(), durationUnitMicros);
}

/// <summary>Where <see cref="JsonLineParser"/> looks for each value: the usual names of nginx <c>escape=json</c>
/// formats, Caddy and Cloudflare Logpush, replaced role by role by <c>--field NAME=PATH</c>.</summary>
/// <remarks>Within a role the first field listed that a line has wins.</remarks>
public sealed class JsonFields
{
    /// <summary>At most this many fields (the parser tracks candidates in a 64-bit mask).</summary>
    public const int MaxFields = 64;

    /// <summary>The names <c>--field</c> accepts before <c>=</c>.</summary>
    public static readonly string[] Names = ["time", "status", "bytes", "path", "request", "duration", "duration_ms", "duration_us", "client"];

    public static JsonFields Defaults { get; } = new(
    [
        JsonField.Of(JsonRole.Time, "time"), JsonField.Of(JsonRole.Time, "time_local"), JsonField.Of(JsonRole.Time, "timestamp"),
        JsonField.Of(JsonRole.Time, "@timestamp"), JsonField.Of(JsonRole.Time, "time_iso8601"), JsonField.Of(JsonRole.Time, "ts"),
        JsonField.Of(JsonRole.Time, "msec"), JsonField.Of(JsonRole.Time, "EdgeStartTimestamp"),
        JsonField.Of(JsonRole.Status, "status"), JsonField.Of(JsonRole.Status, "response"), JsonField.Of(JsonRole.Status, "status_code"),
        JsonField.Of(JsonRole.Status, "EdgeResponseStatus"),
        JsonField.Of(JsonRole.Bytes, "bytes"), JsonField.Of(JsonRole.Bytes, "body_bytes_sent"), JsonField.Of(JsonRole.Bytes, "bytes_sent"),
        JsonField.Of(JsonRole.Bytes, "size"), JsonField.Of(JsonRole.Bytes, "EdgeResponseBytes"),
        JsonField.Of(JsonRole.Path, "uri"), JsonField.Of(JsonRole.Path, "request_uri"), JsonField.Of(JsonRole.Path, "path"),
        JsonField.Of(JsonRole.Path, "url"), JsonField.Of(JsonRole.Path, "ClientRequestURI"), JsonField.Of(JsonRole.Path, "request.uri"),
        JsonField.Of(JsonRole.Request, "request"),
        JsonField.Of(JsonRole.Duration, "request_time"), JsonField.Of(JsonRole.Duration, "duration"),
        JsonField.Of(JsonRole.Duration, "response_time"), JsonField.Of(JsonRole.Duration, "duration_ms", 1_000),
        JsonField.Of(JsonRole.Client, "remote_addr"), JsonField.Of(JsonRole.Client, "client_ip"),
        JsonField.Of(JsonRole.Client, "ClientIP"), JsonField.Of(JsonRole.Client, "remote_ip"),
        JsonField.Of(JsonRole.Client, "request.client_ip"), JsonField.Of(JsonRole.Client, "request.remote_ip"),
        JsonField.Of(JsonRole.Client, "ip"),
    ]);

    public JsonFields(IReadOnlyList<JsonField> fields)
    {
        if (fields.Count > MaxFields) throw new ArgumentException($"at most {MaxFields} JSON fields", nameof(fields));
        Fields = fields;
    }

    public IReadOnlyList<JsonField> Fields { get; }

    /// <summary>The defaults with every role named in <paramref name="mappings"/> (<c>time=ts</c>,
    /// <c>path=request.uri</c>, <c>duration_ms=latency</c>) replaced by the path given. False with a one-line error for a
    /// mapping that cannot be used.</summary>
    public static bool TryParse(IReadOnlyList<string> mappings, out JsonFields fields, out string? error)
    {
        fields = Defaults;
        error = null;
        if (mappings.Count == 0) return true;
        var given = new List<JsonField>();
        foreach (string mapping in mappings)
        {
            int equals = mapping.IndexOf('=');
            string name = equals < 0 ? mapping : mapping[..equals];
            string path = equals < 0 ? "" : mapping[(equals + 1)..];
            if (path.Length == 0 || path.Split('.').Any(p => p.Length == 0))
            {
                error = $"--field: expected NAME=PATH like time=ts or path=request.uri, got '{mapping}'";
                return false;
            }

            JsonField? field = name switch
            {
                "time" => JsonField.Of(JsonRole.Time, path),
                "status" => JsonField.Of(JsonRole.Status, path),
                "bytes" => JsonField.Of(JsonRole.Bytes, path),
                "path" => JsonField.Of(JsonRole.Path, path),
                "request" => JsonField.Of(JsonRole.Request, path),
                "duration" => JsonField.Of(JsonRole.Duration, path),
                "duration_ms" => JsonField.Of(JsonRole.Duration, path, 1_000),
                "duration_us" => JsonField.Of(JsonRole.Duration, path, 1),
                "client" => JsonField.Of(JsonRole.Client, path),
                _ => null,
            };
            if (field is null)
            {
                error = $"--field: unknown name '{name}'; expected one of {string.Join(", ", Names)}";
                return false;
            }

            given.Add(field);
        }

        var replaced = given.Select(f => f.Role).ToHashSet();
        var all = given.Concat(Defaults.Fields.Where(f => !replaced.Contains(f.Role))).ToList();
        if (all.Count > MaxFields)
        {
            error = $"--field: at most {MaxFields - Defaults.Fields.Count} mappings";
            return false;
        }

        fields = new JsonFields(all);
        return true;
    }
}

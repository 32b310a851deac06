using System.Text.Json;

namespace RxLog.Tests.Support;

/// <summary>Compares NDJSON event streams the way <c>shared/data/expected/README.md</c> says: only the fields the
/// expected stream has, times as instants, averages within 0.01, extra fields in the actual stream allowed.</summary>
public static class EventStreams
{
    /// <summary>Null when equal, else the first difference, readable in a test failure.</summary>
    public static string? FirstDifference(string expectedNdjson, string actualNdjson)
    {
        var expected = Lines(expectedNdjson);
        var actual = Lines(actualNdjson);
        for (int i = 0; i < Math.Min(expected.Count, actual.Count); i++)
        {
            using var e = JsonDocument.Parse(expected[i]);
            using var a = JsonDocument.Parse(actual[i]);
            if (Difference(e.RootElement, a.RootElement, "") is { } d)
                return $"event {i + 1}: {d}\n  expected {expected[i]}\n  actual   {actual[i]}";
        }
        return expected.Count == actual.Count ? null : $"expected {expected.Count} events, got {actual.Count}";
    }

    private static List<string> Lines(string ndjson) =>
        ndjson.Split('\n').Where(l => l.Trim().Length > 0).ToList();

    private static string? Difference(JsonElement e, JsonElement a, string path)
    {
        if (e.ValueKind == JsonValueKind.Object)
        {
            if (a.ValueKind != JsonValueKind.Object) return $"{path}: not an object";
            foreach (var p in e.EnumerateObject())
            {
                if (!a.TryGetProperty(p.Name, out var av)) return $"{path}.{p.Name}: missing";
                if (Difference(p.Value, av, $"{path}.{p.Name}") is { } d) return d;
            }
            return null;
        }
        if (e.ValueKind == JsonValueKind.Array)
        {
            if (a.ValueKind != JsonValueKind.Array || a.GetArrayLength() != e.GetArrayLength()) return $"{path}: arrays differ";
            int i = 0;
            foreach (var (ev, av) in e.EnumerateArray().Zip(a.EnumerateArray()))
                if (Difference(ev, av, $"{path}[{i++}]") is { } d) return d;
            return null;
        }
        if (path.EndsWith(".avg", StringComparison.Ordinal))
            return Math.Abs(e.GetDouble() - a.GetDouble()) <= 0.01 ? null : $"{path}: {e} vs {a}";
        if (e.ValueKind == JsonValueKind.String && DateTimeOffset.TryParse(e.GetString(), out var et))
            return a.ValueKind == JsonValueKind.String && DateTimeOffset.TryParse(a.GetString(), out var at) && at == et
                ? null : $"{path}: {e} vs {a}";
        if (e.ValueKind == JsonValueKind.Number)
            return a.ValueKind == JsonValueKind.Number && e.GetDecimal() == a.GetDecimal() ? null : $"{path}: {e} vs {a}";
        return e.ValueKind == a.ValueKind && e.ToString() == a.ToString() ? null : $"{path}: {e} vs {a}";
    }
}

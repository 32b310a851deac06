using System.IO.Compression;
using RxLog.Parsing;
using RxLog.Tests.Support;

namespace RxLog.Tests.Parsing;

/// <summary>The real logs in <c>shared/data/</c>, a sibling of the repository (found by walking up to <c>rxlog.sln</c>).</summary>
internal static class SharedData
{
    /// <summary>Full path of <paramref name="relative"/> under <c>shared/data/</c>.</summary>
    public static string PathOf(string relative) => RepoPaths.SharedData(relative);

    /// <summary>The file's bytes, decompressed when its name ends in <c>.gz</c>.</summary>
    public static byte[] ReadAllBytes(string relative)
    {
        string path = PathOf(relative);
        if (!path.EndsWith(".gz", StringComparison.Ordinal))
        {
            return File.ReadAllBytes(path);
        }

        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var buffer = new MemoryStream();
        gzip.CopyTo(buffer);
        return buffer.ToArray();
    }

    /// <summary>The file's lines, decompressed when its name ends in <c>.gz</c>.</summary>
    /// <summary>Every non-blank line of the log, parsed in the format detected from its first lines (<c>auto</c>).</summary>
    public static List<ParsedLine> ParseAll(string relative)
    {
        var parser = LogFormats.Create("auto");
        var lines = new List<ParsedLine>();
        long number = 0;
        foreach (var text in ReadAllLines(relative))
            if (ParsedLines.TryParseLine(parser, System.Text.Encoding.UTF8.GetBytes(text), ++number, out var parsed)) lines.Add(parsed);
        return lines;
    }

    public static string[] ReadAllLines(string relative) =>
        System.Text.Encoding.UTF8.GetString(ReadAllBytes(relative)).Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToArray();
}

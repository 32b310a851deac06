using System.Text;
using RxLog.Sources;

namespace RxLog.Tests.Support;

/// <summary>Builders for Common/Combined Log Format lines and the chunks sources emit.</summary>
internal static class LogLines
{
    /// <summary>The timestamp of the Apache documentation's example line.</summary>
    public const string Time = "10/Oct/2000:13:55:36 -0700";

    /// <summary>Unix seconds of <see cref="Time"/>.</summary>
    public static readonly long TimeSeconds = new DateTimeOffset(2000, 10, 10, 13, 55, 36, TimeSpan.FromHours(-7)).ToUnixTimeSeconds();

    /// <summary>A CLF line; <paramref name="extra"/> (e.g. <c> "referer" "agent"</c>) is appended as is.</summary>
    public static string Clf(
        string request = "GET /apache_pb.gif HTTP/1.0",
        string status = "200",
        string bytes = "2326",
        string time = Time,
        string host = "127.0.0.1",
        string extra = "") =>
        $"{host} - frank [{time}] \"{request}\" {status} {bytes}{extra}";

    /// <summary>The UTF-8 bytes of <paramref name="line"/>.</summary>
    public static byte[] Utf8(string line) => Encoding.UTF8.GetBytes(line);

    /// <summary>A chunk holding <paramref name="text"/> as UTF-8 (which should end with <c>\n</c>, as LineChunk requires).</summary>
    public static LineChunk Chunk(string text, long firstLineNumber = 1) => Chunk(Utf8(text), firstLineNumber);

    /// <summary>A chunk from <paramref name="origin"/> (a file, a host) holding <paramref name="hits"/> CLF lines for
    /// <paramref name="path"/>, each dated 2026-01-01 10:00:<paramref name="second"/> UTC.</summary>
    public static LineChunk Hits(string origin, long firstLineNumber, int second, int hits, string path = "/api/x")
    {
        byte[] bytes = Utf8(string.Concat(Enumerable.Range(0, hits)
            .Select(_ => $"1.2.3.4 - - [01/Jan/2026:10:00:{second:00} +0000] \"GET {path} HTTP/1.1\" 200 5\n")));
        return new LineChunk(origin, bytes, bytes.Length, firstLineNumber);
    }

    /// <summary>A chunk holding <paramref name="bytes"/>, in a buffer larger than needed, as sources have.</summary>
    public static LineChunk Chunk(byte[] bytes, long firstLineNumber = 1)
    {
        byte[] buffer = new byte[bytes.Length + 16];
        bytes.CopyTo(buffer, 0);
        buffer.AsSpan(bytes.Length).Fill((byte)'#');    // garbage past Count must never be read
        return new LineChunk("test", buffer, bytes.Length, firstLineNumber);
    }
}

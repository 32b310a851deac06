using System.Text;

namespace RxLog.Tests.Support;

/// <summary>Byte recipes for hostile input (BAD-INPUTS.md): text parts as UTF-8, byte arrays as they are.</summary>
internal static class CliBytes
{
    /// <summary>The parts concatenated: a <see cref="string"/> as UTF-8, a <see cref="byte"/> array raw.</summary>
    public static byte[] Of(params object[] parts)
    {
        var output = new MemoryStream();
        foreach (object part in parts)
        {
            byte[] bytes = part switch
            {
                string text => Encoding.UTF8.GetBytes(text),
                byte[] raw => raw,
                _ => throw new ArgumentException($"unsupported part {part.GetType()}"),
            };
            output.Write(bytes);
        }

        return output.ToArray();
    }

    /// <summary>A good CLF line at second <paramref name="second"/> after <see cref="CliLogs.T0"/>, with LF.</summary>
    public static string Good(int second = 0, string path = "/pages/a") => CliLogs.Line(CliLogs.T0.AddSeconds(second), path) + "\n";

    /// <summary>A CLF line whose request path is <paramref name="path"/> as raw bytes, with LF.</summary>
    public static byte[] WithPath(byte[] path, int second = 0, string extra = "") =>
        Of($"127.0.0.1 - frank [{CliLogs.ClfTime(CliLogs.T0.AddSeconds(second))}] \"GET ", path, $" HTTP/1.1\" 200 100{extra}\n");

    /// <summary>A CLF line whose request path is <paramref name="path"/> (UTF-8), with LF.</summary>
    public static byte[] WithPath(string path, int second = 0, string extra = "") => Of(CliLogs.Line(CliLogs.T0.AddSeconds(second), path) + extra + "\n");

    /// <summary><paramref name="count"/> copies of <paramref name="value"/>.</summary>
    public static byte[] Repeat(byte value, int count)
    {
        byte[] bytes = new byte[count];
        Array.Fill(bytes, value);
        return bytes;
    }
}

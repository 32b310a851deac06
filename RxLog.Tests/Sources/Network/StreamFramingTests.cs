using System.Text;
using RxLog.Sources;
using RxLog.Sources.Network;

namespace RxLog.Tests.Sources.Network;

/// <summary>TCP framing as the first bytes say (RFC 6587), whatever the reads cut: octet counting from rsyslog,
/// newline-framed syslog, raw lines that start with digits, and what is lost when a frame is.</summary>
public class StreamFramingTests
{
    private const string A = "10.0.0.1 - - [06/Dec/2026:05:30:00 +0000] \"GET /a HTTP/1.1\" 200 5";
    private const string B = "10.0.0.2 - - [06/Dec/2026:05:30:01 +0000] \"GET /b HTTP/1.1\" 404 7";

    private static string Frame(string message) => $"{Encoding.UTF8.GetByteCount(message)} {message}";

    /// <summary>Feeds <paramref name="stream"/> in reads of <paramref name="cut"/> bytes, then ends it.</summary>
    private static List<string> Messages(string stream, int cut = int.MaxValue, bool end = true) =>
        Messages(Encoding.UTF8.GetBytes(stream), cut, end);

    private static List<string> Messages(byte[] bytes, int cut, bool end)
    {
        var framing = new StreamFraming();
        var messages = new List<string>();
        StreamFraming.MessageHandler handle = m => messages.Add(Encoding.UTF8.GetString(m));
        for (int at = 0; at < bytes.Length;)
        {
            int n = Math.Min(Math.Min(cut, bytes.Length - at), framing.Free.Length);
            bytes.AsSpan(at, n).CopyTo(framing.Free.Span);
            framing.Read(n, handle);
            at += n;
        }
        if (end) framing.End(handle);
        return messages;
    }

    [Fact]
    public void Octet_counted_frames_are_read_whole_however_the_reads_cut_them()
    {
        string stream = Frame("<190>Dec  6 05:30:00 web1 nginx: " + A) + Frame("<190>Dec  6 05:30:01 web1 nginx: " + B + "\n");

        for (int cut = 1; cut <= 40; cut++)
            Assert.Equal(["<190>Dec  6 05:30:00 web1 nginx: " + A, "<190>Dec  6 05:30:01 web1 nginx: " + B + "\n"],
                Messages(stream, cut));
    }

    [Fact]
    public void Newline_framed_syslog_and_raw_lines_starting_with_digits_are_one_message_per_line()
    {
        Assert.Equal(["<190>Dec  6 05:30:00 web1 nginx: " + A, "<190>Dec  6 05:30:01 web1 nginx: " + B],
            Messages($"<190>Dec  6 05:30:00 web1 nginx: {A}\n<190>Dec  6 05:30:01 web1 nginx: {B}\n", cut: 3));
        // "10.0.0.1 - -" starts with digits, but a count is followed by a space and '<'
        Assert.Equal([A, B], Messages($"{A}\n{B}\n", cut: 1));
        Assert.Equal(["127 GET /x", A], Messages($"127 GET /x\n{A}\n", cut: 2));
    }

    [Fact]
    public void A_sender_that_closes_mid_line_or_mid_frame_loses_only_that_message_which_is_handed_on_to_be_counted()
    {
        Assert.Equal([A, "10.0.0.2 - - [06/Dec"], Messages($"{A}\n10.0.0.2 - - [06/Dec"));
        var cut = Frame("<190>Dec  6 05:30:00 web1 nginx: " + A) + "95 <190>Dec  6 05:30:01 web1";
        Assert.Equal(["<190>Dec  6 05:30:00 web1 nginx: " + A, "95 <190>Dec  6 05:30:01 web1"], Messages(cut, cut: 7));
    }

    [Fact]
    public void An_overlong_line_is_handed_on_as_its_head_and_the_next_line_is_read_whole()
    {
        string huge = new('x', LineLimits.MaxLineBytes * 2);

        var messages = Messages($"{A}\n{huge}\n{B}\n", cut: 10_000);

        Assert.Equal(3, messages.Count);
        Assert.Equal(LineLimits.MaxLineBytes + 1, messages[1].Length);
        Assert.Equal([A, B], new[] { messages[0], messages[2] });
    }

    [Fact]
    public void An_overlong_octet_counted_frame_is_handed_on_as_its_head_and_the_next_frame_is_read_whole()
    {
        string huge = "<190>Dec  6 05:30:00 web1 nginx: " + new string('x', LineLimits.MaxLineBytes * 3);

        var messages = Messages(Frame("<13>Dec  6 05:30:00 web1 a: " + A) + Frame(huge) + Frame("<13>Dec  6 05:30:00 web1 b: " + B), cut: 8_000);

        Assert.Equal(3, messages.Count);
        Assert.Equal(LineLimits.MaxLineBytes + 1, messages[1].Length);
        Assert.Equal("<13>Dec  6 05:30:00 web1 b: " + B, messages[2]);
    }

    [Fact]
    public void Overlong_garbage_where_a_frame_was_expected_is_one_message_whatever_the_reads_cut()
    {
        string stream = Frame("<13>Dec  6 05:30:00 web1 a: " + A) + new string('x', 300_000) + "\n"
                        + Frame("<13>Dec  6 05:30:00 web1 b: " + B);

        foreach (int cut in new[] { 1_000, 7_919, 65_536, 100_000, 400_000 })
        {
            var messages = Messages(stream, cut);
            Assert.Equal(3, messages.Count);
            Assert.Equal(LineLimits.MaxLineBytes + 1, messages[1].Length);
            Assert.Equal("<13>Dec  6 05:30:00 web1 b: " + B, messages[2]);
        }
    }

    [Fact]
    public void An_octet_counted_stream_that_loses_its_frame_hands_on_the_garbage_to_the_next_newline_and_reads_on()
    {
        string stream = Frame("<13>Dec  6 05:30:00 web1 a: " + A) + "garbage here\n" + Frame("<13>Dec  6 05:30:00 web1 b: " + B);

        Assert.Equal(["<13>Dec  6 05:30:00 web1 a: " + A, "garbage here", "<13>Dec  6 05:30:00 web1 b: " + B],
            Messages(stream, cut: 5));
    }
}

namespace RxLog.Tests;

/// <summary><see cref="ByteSearch"/> replaces CoreLib's span searches in the per-line code: every line split and field
/// end depends on it giving exactly the same answers, at every length and position (block edges included).</summary>
public class ByteSearchTests
{
    [Fact]
    public void Finds_what_IndexOf_and_IndexOfAny_find_at_every_length_and_position()
    {
        var random = new Random(20261203);
        var buffer = new byte[300];
        for (int length = 0; length <= 260; length++)
        {
            for (int trial = 0; trial < 40; trial++)
            {
                // Mostly letters, a few targets (none, one, several) at random places, sometimes right at a block edge.
                for (int i = 0; i < length; i++) buffer[i] = (byte)random.Next('a', 'z' + 1);
                int targets = random.Next(0, 4);
                for (int t = 0; t < targets && length > 0; t++)
                {
                    int at = random.Next(3) == 0 ? random.Next(0, 9) * 16 + random.Next(-1, 2) : random.Next(length);
                    buffer[Math.Clamp(at, 0, length - 1)] = random.Next(3) switch { 0 => (byte)'\n', 1 => (byte)'"', _ => (byte)'\\' };
                }
                int offset = random.Next(0, 4);   // unaligned starts
                var text = new ReadOnlySpan<byte>(buffer, 0, length)[Math.Min(offset, length)..];

                Assert.Equal(text.IndexOf((byte)'\n'), ByteSearch.IndexOf(text, (byte)'\n'));
                Assert.Equal(text.IndexOfAny((byte)'"', (byte)'\\'), ByteSearch.IndexOfAny(text, (byte)'"', (byte)'\\'));
            }
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(33)]
    [InlineData(64)]
    [InlineData(65)]
    public void The_last_byte_and_no_match_are_found_at_block_sizes(int length)
    {
        var text = new byte[length];
        Array.Fill(text, (byte)'x');
        Assert.Equal(-1, ByteSearch.IndexOf(text, (byte)'\n'));
        Assert.Equal(-1, ByteSearch.IndexOfAny(text, (byte)'"', (byte)'\\'));
        if (length == 0) return;

        text[^1] = (byte)'\\';
        Assert.Equal(length - 1, ByteSearch.IndexOfAny(text, (byte)'"', (byte)'\\'));
        text[^1] = (byte)'\n';
        Assert.Equal(length - 1, ByteSearch.IndexOf(text, (byte)'\n'));
        text[0] = (byte)'\n';
        Assert.Equal(0, ByteSearch.IndexOf(text, (byte)'\n'));
    }
}

using System.Text;
using RxLog.Parsing;

namespace RxLog.Tests.Parsing;

public class InternTableTests
{
    [Fact]
    public void Equal_bytes_give_the_same_string_instance()
    {
        var table = new InternTable();

        string first = table.Intern("/pages"u8);
        string second = table.Intern("/pages"u8.ToArray());

        Assert.Equal("/pages", first);
        Assert.Same(first, second);
        Assert.Equal(1, table.Count);
    }

    [Fact]
    public void A_section_with_an_appended_slash_is_the_same_as_one_written_with_it()
    {
        var table = new InternTable();

        string appended = table.Intern("http://h"u8, appendSlash: true);
        string written = table.Intern("http://h/"u8);

        Assert.Equal("http://h/", appended);
        Assert.Same(appended, written);
    }

    [Fact]
    public void Values_of_every_length_that_differ_in_one_byte_or_by_a_trailing_zero_are_told_apart()
    {
        // Keys are compared as words of 8 bytes: each byte of each length must count, and so must the length.
        var table = new InternTable();
        var seen = new Dictionary<string, string>();
        for (int length = 0; length <= 40; length++)
        {
            byte[] key = Enumerable.Range(0, length).Select(i => (byte)('a' + i % 26)).ToArray();
            var variants = new List<byte[]> { key, key.Append((byte)0).ToArray() };
            for (int at = 0; at < length; at++)
            {
                byte[] changed = (byte[])key.Clone();
                changed[at] = (byte)'#';
                variants.Add(changed);
            }

            foreach (byte[] variant in variants)
            {
                string text = Encoding.UTF8.GetString(variant);
                string interned = table.Intern(variant);
                Assert.Equal(text, interned);
                if (seen.TryGetValue(text, out var before)) Assert.Same(before, interned);
                else seen[text] = interned;
            }
        }

        Assert.Equal(seen.Count, table.Count);
        foreach (var (text, interned) in seen) Assert.Same(interned, table.Intern(Encoding.UTF8.GetBytes(text)));
    }

    [Fact]
    public void Many_distinct_sections_are_all_kept_and_found_again()
    {
        var table = new InternTable();
        byte[][] keys = Enumerable.Range(0, 20_000).Select(i => Encoding.UTF8.GetBytes($"/s{i}")).ToArray();
        string[] first = keys.Select(k => table.Intern(k)).ToArray();

        string[] again = keys.Select(k => table.Intern(k)).ToArray();

        Assert.Equal(20_000, table.Count);
        Assert.Equal(Enumerable.Range(0, 20_000).Select(i => $"/s{i}"), again);
        Assert.All(Enumerable.Range(0, 20_000), i => Assert.Same(first[i], again[i]));
    }

    [Fact]
    public void A_full_table_starts_over_and_still_gives_equal_strings()
    {
        var table = new InternTable(maxEntries: 3);
        string a = table.Intern("/a"u8);
        table.Intern("/b"u8);
        table.Intern("/c"u8);

        string d = table.Intern("/d"u8);
        string aAgain = table.Intern("/a"u8);

        Assert.Equal(("/d", "/a", 2, 1L), (d, aAgain, table.Count, table.Clears));
        Assert.Equal(a, aAgain);
    }

    [Fact]
    public void Invalid_utf8_is_decoded_with_replacement_characters()
    {
        var table = new InternTable();

        Assert.Equal("/\uFFFD\uFFFDx", table.Intern([(byte)'/', 0xC0, 0xAF, (byte)'x']));
    }

    [Fact]
    public void A_value_repeated_line_after_line_is_found_again_across_a_start_over()
    {
        var table = new InternTable(maxEntries: 2);
        string first = table.Intern("10.0.0.1"u8);
        Assert.Same(first, table.Intern("10.0.0.1"u8));     // the last value, checked first
        Assert.Equal("10.0.0.10", table.Intern("10.0.0.10"u8)); // a longer value with the same prefix is another one
        table.Intern("10.0.0.2"u8);                           // full: starts over

        Assert.Equal("10.0.0.1", table.Intern("10.0.0.1"u8));
        Assert.Equal("10.0.0.2", table.Intern("10.0.0.2"u8));
        Assert.Equal(1, table.Clears);
    }
}

using RxLog.Tests.Support;
using RxLog.Rendering;

namespace RxLog.Tests.Rendering;

public class TerminalTextTests
{
    [Theory]
    [InlineData("/pages")]
    [InlineData("")]
    [InlineData("/فارسی/%D8%A7")]
    [InlineData("/emoji\U0001F600")]
    [InlineData("/bad\uFFFDutf8")]
    [InlineData(@"/a\x1b\\b")]
    public void Clean_text_is_returned_as_the_same_instance(string text)
    {
        Assert.Same(text, TerminalText.Sanitize(text));
        Assert.True(TerminalText.IsSafe(text));
    }

    [Theory]
    [InlineData("/\u001b[2J\u001b[Hpwn", @"/\x1b[2J\x1b[Hpwn")] // B1
    [InlineData("\u001b]52;c;ZWNobyBoaQ==\u0007", @"\x1b]52;c;ZWNobyBoaQ==\x07")] // B2
    [InlineData("\u001b]8;;http://evil", @"\x1b]8;;http://evil")] // B3
    [InlineData("/\u009b2J", @"/\u009b2J")] // B4
    [InlineData("/ok\r/ADMIN-LOGIN-SUCCESS\b", @"/ok\x0d/ADMIN-LOGIN-SUCCESS\x08")] // B5
    [InlineData("/user/\u202Egnp.exe", @"/user/\u202egnp.exe")] // B6
    [InlineData("/a\nALERT", @"/a\x0aALERT")] // B7
    [InlineData("/a\0b", @"/a\x00b")] // B9
    [InlineData("\t\u007f\u0080\u009f", @"\x09\x7f\u0080\u009f")]
    [InlineData("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u2066\u2067\u2068\u2069", @"\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u2066\u2067\u2068\u2069")]
    [InlineData("a\u2028b\u2029c", @"a\u2028b\u2029c")]
    [InlineData("ok \U0001F600 then \u001b", "ok \U0001F600 then \\x1b")]
    public void Controls_are_escaped_as_visible_text(string text, string expected)
    {
        Assert.Equal(expected, TerminalText.Sanitize(text));
    }

    [Fact]
    public void Lone_surrogates_are_escaped_and_pairs_kept()
    {
        // Built in code: xunit's data serialisation would turn a lone surrogate into U+FFFD.
        Assert.Equal(@"lone \ud800 high", TerminalText.Sanitize("lone " + '\ud800' + " high"));
        Assert.Equal(@"lone \udc00 low", TerminalText.Sanitize("lone " + '\udc00' + " low"));
        Assert.Equal(@"cut at end \ud83d", TerminalText.Sanitize("cut at end " + '\ud83d'));
        Assert.Equal(@"\udc00\ud800", TerminalText.Sanitize(new string(['\udc00', '\ud800'])));
        Assert.Equal("pair \U0001F600 " + @"\ud83d", TerminalText.Sanitize("pair \U0001F600 " + '\ud83d'));
    }

    [Fact]
    public void Every_char_that_can_drive_a_terminal_is_escaped()
    {
        for (int c = 0; c <= 0xFFFF; c++)
        {
            string text = "x" + (char)c + "y";
            string shown = TerminalText.Sanitize(text);
            bool dangerous = c < 0x20 || (c >= 0x7F && c <= 0x9F) || c is 0x061C or 0x200E or 0x200F
                             || (c >= 0x2028 && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || char.IsSurrogate((char)c);
            Assert.True(dangerous ? shown != text : ReferenceEquals(shown, text), $"U+{c:X4}");
            CliAssert.NoControlCharacters(shown);
        }
    }
}

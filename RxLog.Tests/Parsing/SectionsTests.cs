using System.Text;
using RxLog.Parsing;

namespace RxLog.Tests.Parsing;

public class SectionsTests
{
    [Theory]
    [InlineData("/pages/create", "/pages")]
    [InlineData("/pages", "/pages")]
    [InlineData("/", "/")]
    [InlineData("/robots.txt", "/robots.txt")]
    [InlineData("/api/v1?x=/y", "/api")]
    [InlineData("//x", "/")]
    [InlineData("//", "/")]
    [InlineData("/?a=1", "/")]
    [InlineData("/pages/", "/pages")]
    [InlineData("/page#frag", "/page")]
    [InlineData("/a#frag/x", "/a")]
    [InlineData("/a?q#f/x", "/a")]
    [InlineData("/%2e%2e/etc", "/%2e%2e")]
    [InlineData("/a;jsessionid=1/b", "/a;jsessionid=1")]
    [InlineData("/Pages/Create", "/Pages")]
    [InlineData("/PAGES", "/PAGES")]
    [InlineData("/filter/27|13%20%D9%85%DA%AF", "/filter")]
    [InlineData("/%D9%85%DA%AF%D8%A7/x", "/%D9%85%DA%AF%D8%A7")]
    [InlineData("/a\\\"b/c", "/a\\\"b")]
    [InlineData("/a\\x22b/c", "/a\\x22b")]
    [InlineData("/\u0645\u06AF/x", "/\u0645\u06AF")]
    [InlineData("http://my.site.com/pages/create", "http://my.site.com/pages")]
    [InlineData("http://my.site.com", "http://my.site.com/")]
    [InlineData("http://my.site.com/", "http://my.site.com/")]
    [InlineData("http://my.site.com?x=/y", "http://my.site.com/")]
    [InlineData("http://my.site.com#x/y", "http://my.site.com/")]
    [InlineData("http://my.site.com//x", "http://my.site.com/")]
    [InlineData("http://my.site.com:8080/a/b", "http://my.site.com:8080/a")]
    [InlineData("HTTPS://Host.Example/A/b", "HTTPS://Host.Example/A")]
    [InlineData("svn+ssh://h/r/x", "svn+ssh://h/r")]
    public void Section_of_a_path_follows_the_contract(string path, string expected)
    {
        Assert.Equal(expected, Sections.Of(path));
    }

    [Theory]
    [InlineData("*")]
    [InlineData("host:443")]
    [InlineData("")]
    [InlineData("?a=1")]
    [InlineData("#top")]
    [InlineData("pages/create")]
    [InlineData("http:/x")]
    [InlineData("1http://x/y")]
    [InlineData("-")]
    public void A_path_that_is_neither_absolute_nor_an_absolute_uri_has_no_section(string path)
    {
        Assert.Null(Sections.Of(path));
    }

    [Theory]
    [InlineData("GET /pages/create HTTP/1.1", "/pages")]
    [InlineData("GET / HTTP/1.0", "/")]
    [InlineData("GET /", "/")]
    [InlineData("GET /foo", "/foo")]
    [InlineData("GET /foo/bar", "/foo")]
    [InlineData("POST /api/v1?x=/y HTTP/2.0", "/api")]
    [InlineData("GET http://my.site.com/pages/create HTTP/1.1", "http://my.site.com/pages")]
    [InlineData("GET /a b HTTP/1.1", "/a")]
    [InlineData("OPTIONS * HTTP/1.1", null)]
    [InlineData("CONNECT host:443 HTTP/1.1", null)]
    [InlineData("-", null)]
    [InlineData("", null)]
    [InlineData("GET", null)]
    [InlineData("GET  /a HTTP/1.1", null)]
    [InlineData("\\x16\\x03\\x01\\x00\\xa5\\x01\\x00\\x00\\xa1\\x03\\x03", null)]
    [InlineData("GET /a?b/c HTTP/1.1", "/a")]
    [InlineData("GET /a#b/c HTTP/1.1", "/a")]
    [InlineData("GET //x HTTP/1.1", "/")]
    [InlineData("GET /? HTTP/1.1", "/")]
    [InlineData("GET http://h HTTP/1.1", "http://h/")]
    [InlineData("GET http://h?x=/y HTTP/1.1", "http://h/")]
    [InlineData("PROPFIND_WITH_A_LONG_NAME /dav/x HTTP/1.1", "/dav")]
    [InlineData("PROPFIND_WITH_A_LONG_NAME", null)]
    [InlineData("GET /a\\\"b/c HTTP/1.1", "/a\\\"b")]
    public void Section_of_a_request_uses_its_second_token(string request, string? expected)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(request);

        string? measured = Sections.TryMeasureRequest(bytes, out int start, out int length, out bool appendSlash)
            ? Encoding.UTF8.GetString(bytes, start, length) + (appendSlash ? "/" : "")
            : null;

        Assert.Equal(expected, Sections.Of(Sections.PathOf(bytes)));
        Assert.Equal(expected, measured);   // the parsers' one-scan form agrees with path, then section
    }

    [Fact]
    public void Invalid_utf8_in_a_path_becomes_the_replacement_character()
    {
        byte[] path = [(byte)'/', (byte)'c', (byte)'a', (byte)'f', 0xE9, (byte)'/', (byte)'x'];

        Assert.Equal("/caf\uFFFD", Sections.Of(path));
    }

    [Fact]
    public void Measuring_gives_a_prefix_of_the_path_and_says_when_a_slash_is_appended()
    {
        bool found = Sections.TryMeasure("http://h?q=1"u8, out int length, out bool appendSlash);

        Assert.Equal((true, 8, true), (found, length, appendSlash));
    }
}

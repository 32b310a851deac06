using System.Text;
using RxLog.Parsing;
using RxLog.Parsing.Templates;
using RxLog.Tests.Support;

namespace RxLog.Tests.Parsing.Templates;

/// <summary>Issue 17 part 4: every directive of mod_log_config, mod_logio and mod_ssl is read from a line as Apache
/// writes it (values as httpd 2.4 prints them).</summary>
public class ApacheDirectivesTests
{
    private const string Clf = "[10/Oct/2000:13:55:36 -0700]";

    private static LogRecord? Parse(string format, string line) =>
        LogFormatTemplate.Compile(format).TryParse(Encoding.UTF8.GetBytes(line), out LogRecord record) ? record : null;

    [Theory]
    [InlineData("%%", "%")]
    [InlineData("%a", "192.0.2.1")]
    [InlineData("%{c}a", "10.0.0.2")]
    [InlineData("%A", "10.0.0.1")]
    [InlineData("%B", "5")]
    [InlineData("%O", "731")]
    [InlineData("%I", "412")]
    [InlineData("%S", "1143")]
    [InlineData("%{session}C", "a1b2c3")]
    [InlineData("%{version}c", "TLSv1.2")]
    [InlineData("%{cipher}c", "ECDHE-RSA-AES128-GCM-SHA256")]
    [InlineData("%D", "1500")]
    [InlineData("%{UNIQUE_ID}e", "Z1HxAH8AAQEAAB2mVZkAAAAA")]
    [InlineData("%f", "/var/www/html/index.html")]
    [InlineData("%h", "client.example.net")]
    [InlineData("%{c}h", "203.0.113.9")]
    [InlineData("%H", "HTTP/1.1")]
    [InlineData("%{Referer}i", "https://www.example.com/start.html")]
    [InlineData("\"%{User-Agent}i\"", "\"Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0\"")]
    [InlineData("%k", "0")]
    [InlineData("%l", "-")]
    [InlineData("%L", "Z1HxAH8AAQEAAB2mVZkAAAAA")]
    [InlineData("%{c}L", "Z1HxAH8AAQEAAB2mVZkAAAAB")]
    [InlineData("%m", "GET")]
    [InlineData("%{ratio}n", "64")]
    [InlineData("%{Content-Type}o", "text/html")]
    [InlineData("%p", "443")]
    [InlineData("%{canonical}p", "443")]
    [InlineData("%{local}p", "8443")]
    [InlineData("%{remote}p", "51334")]
    [InlineData("%P", "2315")]
    [InlineData("%{pid}P", "2315")]
    [InlineData("%{tid}P", "139868341245696")]
    [InlineData("%{hextid}P", "7f3558b1d700")]
    [InlineData("%q", "?a=1&b=2")]
    [InlineData("%q", "")]
    [InlineData("%r", "GET /a/b?c=d HTTP/1.1")]
    [InlineData("%R", "proxy-server")]
    [InlineData("%T", "0")]
    [InlineData("%{ms}T", "12")]
    [InlineData("%{hours}T", "hours")]                  // a unit Apache does not know: it writes the unit
    [InlineData("%u", "frank")]
    [InlineData("%u", "\"\"")]                          // an empty user name
    [InlineData("%U", "/a/b")]
    [InlineData("%v", "www.example.com")]
    [InlineData("%V", "www.example.com")]
    [InlineData("%X", "+")]
    [InlineData("%{SSL_PROTOCOL}x", "TLSv1.3")]
    [InlineData("%{SSL_CIPHER}x", "TLS_AES_256_GCM_SHA384")]
    [InlineData("\"%{SSL_CLIENT_S_DN}x\"", "\"CN=Jane Doe,O=Example Ltd,C=GB\"")]
    [InlineData("%^ti", "-")]
    [InlineData("%{Content-MD5}^ti", "Q2hlY2sgSW50ZWdyaXR5IQ==")]
    [InlineData("%^to", "-")]
    [InlineData("%{Server-Timing}^to", "-")]
    [InlineData("%^FB", "1520")]
    [InlineData("%^FU", "-")]
    [InlineData("%F", "-")]
    [InlineData("%{begin:msec_frac}t", "123")]
    [InlineData("%{end:usec_frac}t", "123456")]
    [InlineData("%400,501{User-agent}i", "-")]
    [InlineData("%!200,304r", "-")]
    [InlineData("%<s", "302")]
    [InlineData("%!200s", "-")]
    public void Each_directive_is_read_as_apache_writes_it(string directive, string written)
    {
        LogRecord? actual = Parse($"%t {directive} %>s %b", $"{Clf} {written} 200 5");

        Assert.Equal((LogLines.TimeSeconds, (short)200, 5L), (actual?.Second, actual?.Status, actual?.Bytes));
    }

    [Theory]
    [InlineData("%{X-Note}i")]
    [InlineData("%{X-Note}o")]
    [InlineData("%{X_NOTE}e")]
    [InlineData("%{x-note}n")]
    [InlineData("%{note}C")]
    [InlineData("%{errstr}c")]
    [InlineData("%{SSL_CLIENT_S_DN}x")]
    [InlineData("%{X-Note}^ti")]
    [InlineData("%{X-Note}^to")]
    [InlineData("%f")]
    public void A_value_of_any_content_holds_spaces_only_between_quotes_of_the_format(string directive)
    {
        var (unquoted, quoted) = (Parse($"%t {directive} %>s %b", $"{Clf} two words 200 5"),
            Parse($"%t \"{directive}\" %>s %b", $"{Clf} \"two \\\"quoted\\\" words\" 200 5"));

        Assert.Equal((null, (short)200), (unquoted?.Status, quoted?.Status));
    }

    [Theory]
    [InlineData("%h %a", "client.example.net 192.0.2.1", "192.0.2.1")]
    [InlineData("%{c}a %h", "10.0.0.2 client.example.net", "client.example.net")]
    [InlineData("%{c}a %{c}h", "10.0.0.2 proxy.example.net", "proxy.example.net")]
    [InlineData("%{c}a %A", "10.0.0.2 10.0.0.1", "10.0.0.2")]
    public void The_client_is_percent_a_else_percent_h_else_the_connections_peer(string directives, string written, string client)
    {
        LogRecord? actual = Parse($"%t {directives} %>s %b", $"{Clf} {written} 200 5");

        Assert.Equal(client, actual?.Client);
    }

    [Theory]
    [InlineData("%T", "2", 2_000_000L)]
    [InlineData("%{S}T", "2", 2_000_000L)]
    [InlineData("%{MS}T", "12", 12_000L)]
    [InlineData("%{Us}T", "12345", 12_345L)]
    [InlineData("%{sec}T", "sec", LogRecord.NoDuration)]
    [InlineData("%T %D", "2 2500123", 2_500_123L)]
    [InlineData("%!200D", "-", LogRecord.NoDuration)]
    public void Response_time_units_are_read_in_any_case(string directives, string written, long micros)
    {
        LogRecord? actual = Parse($"%t {directives} %>s %b", $"{Clf} {written} 200 5");

        Assert.Equal(micros, actual?.DurationMicros);
    }

    [Theory]
    [InlineData("%{begin}t", Clf)]
    [InlineData("%{end}t", Clf)]
    [InlineData("%{begin:}t", Clf)]
    [InlineData("%{end:sec}t", "971211336")]
    [InlineData("%{beginsec}t", "971211336")]
    [InlineData("%{begin:msec}t", "971211336123")]
    [InlineData("%{end:usec}t", "971211336123456")]
    [InlineData("%{end:%d/%b/%Y:%H:%M:%S %z}t", "10/Oct/2000:13:55:36 -0700")]
    [InlineData("[%{%d/%b/%Y %H:%M:%S}t.%{usec_frac}t %{%z}t]", "[10/Oct/2000 13:55:36.123456 -0700]")]
    public void Time_directives_give_the_second_apache_wrote(string directives, string written)
    {
        LogRecord? actual = Parse($"{directives} %>s %b", $"{written} 200 5");

        Assert.Equal(LogLines.TimeSeconds, actual?.Second);
    }

    [Theory]
    [InlineData("%s %>s", "302 200", 200)]
    [InlineData("%>s %<s", "200 302", 200)]
    [InlineData("%<s", "302", 302)]
    [InlineData("%!200s %>s", "- 200", 200)]
    [InlineData("%400,501s", "-", 0)]
    [InlineData("%h", "192.0.2.1", 0)]
    public void The_status_is_the_final_one_else_the_original_else_unknown(string directives, string written, short status)
    {
        LogRecord? actual = Parse($"%t {directives} %b", $"{Clf} {written} 5");

        Assert.Equal(status, actual?.Status);
    }

    [Fact]
    public void Mod_ssls_request_log_gives_hits_of_unknown_status()
    {
        LogRecord? actual = Parse("%t %h %{SSL_PROTOCOL}x %{SSL_CIPHER}x \\\"%r\\\" %b",
            $"{Clf} 192.0.2.1 TLSv1.3 TLS_AES_256_GCM_SHA384 \"GET /api/users?id=7 HTTP/2.0\" 2326");

        Assert.Equal(new LogRecord(LogLines.TimeSeconds, -420, "/api", 0, 2326, Client: "192.0.2.1"), actual);
    }
}

using RxLog.Serving;

namespace RxLog.Tests.Serving;

/// <summary><c>--listen [HOST:]PORT</c> as a user types it.</summary>
public sealed class ListenAddressTests
{
    [Theory]
    [InlineData("9100", "127.0.0.1:9100")]   // a bare port stays on this machine
    [InlineData("0", "127.0.0.1:0")]         // any free port
    [InlineData("65535", "127.0.0.1:65535")]
    [InlineData(" 9100 ", "127.0.0.1:9100")]
    [InlineData("0.0.0.0:9100", "0.0.0.0:9100")]
    [InlineData("192.168.1.20:80", "192.168.1.20:80")]
    [InlineData("localhost:9100", "127.0.0.1:9100")]
    [InlineData("LocalHost:9100", "127.0.0.1:9100")]
    [InlineData("[::1]:9100", "[::1]:9100")]
    [InlineData("[::]:9090", "[::]:9090")]
    [InlineData("[fe80::1]:0", "[fe80::1]:0")]
    public void A_port_or_host_and_port_gives_the_endpoint(string text, string expected)
    {
        Assert.True(ListenAddress.TryParse(text, out var endpoint, out string? error), error);
        Assert.Equal(expected, endpoint.ToString());
    }

    [Theory]
    [InlineData("abc", "--listen: 'abc' is not a port or HOST:PORT (e.g. 9100 or 0.0.0.0:9100)")]
    [InlineData("", "--listen: '' is not a port or HOST:PORT (e.g. 9100 or 0.0.0.0:9100)")]
    [InlineData("-1", "--listen: '-1' is not a port or HOST:PORT (e.g. 9100 or 0.0.0.0:9100)")]
    [InlineData("+9100", "--listen: '+9100' is not a port or HOST:PORT (e.g. 9100 or 0.0.0.0:9100)")]
    [InlineData("0.0.0.0:abc", "--listen: '0.0.0.0:abc' is not a port or HOST:PORT (e.g. 9100 or 0.0.0.0:9100)")]
    [InlineData("0.0.0.0:", "--listen: '0.0.0.0:' is not a port or HOST:PORT (e.g. 9100 or 0.0.0.0:9100)")]
    [InlineData("[::1]9100", "--listen: '[::1]9100' is not a port or HOST:PORT (e.g. 9100 or 0.0.0.0:9100)")]
    [InlineData("[::1:9100", "--listen: '[::1:9100' is not a port or HOST:PORT (e.g. 9100 or 0.0.0.0:9100)")]
    [InlineData("a:b:c", "--listen: 'a:b:c' is not a port or HOST:PORT (e.g. 9100 or 0.0.0.0:9100)")]
    [InlineData("*:9100", "--listen: '*:9100' is not a port or HOST:PORT (e.g. 9100 or 0.0.0.0:9100)")]
    [InlineData(":abc", "--listen: ':abc' is not a port or HOST:PORT (e.g. 9100 or 0.0.0.0:9100)")]
    [InlineData("65536", "--listen: port 65536 is out of range (1-65535, or 0 for any free port)")]
    [InlineData("0.0.0.0:99999999", "--listen: port 99999999 is out of range (1-65535, or 0 for any free port)")]
    [InlineData("example.com:9100",
                "--listen: 'example.com' is a host name, and rxlog looks no names up; use an IP address (e.g. 0.0.0.0 or [::1]) or localhost")]
    [InlineData("my-host:80",
                "--listen: 'my-host' is a host name, and rxlog looks no names up; use an IP address (e.g. 0.0.0.0 or [::1]) or localhost")]
    [InlineData("300.1.2.3:80", "--listen: '300.1.2.3' is not an IPv4 address")]
    [InlineData("127.1:80", "--listen: '127.1' is not an IPv4 address")]
    [InlineData("010.0.0.1:80", "--listen: '010.0.0.1' is not an IPv4 address")]   // octal to inet_aton
    [InlineData("1.2.3.4", "--listen: '1.2.3.4' has no port (e.g. 1.2.3.4:9100)")]
    [InlineData("localhost", "--listen: 'localhost' has no port (e.g. localhost:9100)")]
    [InlineData("[::1]", "--listen: '[::1]' has no port (e.g. [::1]:9100)")]
    [InlineData("[nope]:9100", "--listen: '[nope]' is not an IPv6 address")]
    [InlineData("[127.0.0.1]:9100", "--listen: '[127.0.0.1]' is not an IPv6 address")]
    [InlineData("::1:9100", "--listen: '::1:9100': write an IPv6 address in brackets, e.g. [::1]:9100")]
    [InlineData("::", "--listen: '::': write an IPv6 address in brackets, e.g. [::1]:9100")]
    [InlineData(":9100", "--listen: ':9100' has no host; use 9100 for 127.0.0.1 or 0.0.0.0:9100 for every interface")]
    public void Anything_else_is_refused_with_a_one_line_message(string text, string expected)
    {
        Assert.False(ListenAddress.TryParse(text, out var endpoint, out string? error));
        Assert.Null(endpoint);
        Assert.Equal(expected, error);
    }
}

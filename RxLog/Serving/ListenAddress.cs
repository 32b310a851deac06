using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace RxLog.Serving;

/// <summary>The address <c>--listen [HOST:]PORT</c> names: where the HTTP responder (<see cref="HttpResponder"/>) binds.</summary>
/// <remarks>
/// <list type="bullet">
/// <item>A bare port binds <c>127.0.0.1</c>: serving beyond this machine is asked for, never a default.</item>
/// <item><c>HOST:PORT</c> takes an IPv4 address in dotted-quad form (<c>0.0.0.0</c> for every interface),
/// <c>localhost</c> (which means <c>127.0.0.1</c>), or an IPv6 address in brackets (<c>[::1]:9100</c>, <c>[::]:9100</c>;
/// the responder makes <c>[::]</c> dual-stack, so it takes IPv4 clients too).</item>
/// <item>Other host names are refused: rxlog looks no name up at start-up, so that a slow or broken resolver cannot hold
/// the monitor back, and an address is never a guess among several.</item>
/// <item>The port is 1–65535, or 0 for any free port (tests; the responder's <see cref="HttpResponder.LocalEndpoint"/>
/// tells which).</item>
/// </list>
/// Anything else gives a one-line message that starts with <c>--listen:</c> and quotes what was wrong.
/// </remarks>
public static class ListenAddress
{
    private const string Localhost = "localhost";

    public static bool TryParse(string text, [NotNullWhen(true)] out IPEndPoint? endpoint, [NotNullWhen(false)] out string? error)
    {
        endpoint = null;
        string s = text.Trim();
        error = s.Length == 0 ? NotAnAddress(text) : null;
        if (error is not null) return false;

        IPAddress address;
        string portText;
        if (s.All(char.IsAsciiDigit))
        {
            address = IPAddress.Loopback;
            portText = s;
        }
        else if (s[0] == '[')
        {
            int close = s.IndexOf(']');
            if (close < 0) return Fail(NotAnAddress(s), out error);
            string inside = s[1..close];
            if (!IsIPv6(inside))
                return Fail($"--listen: '{s[..(close + 1)]}' is not an IPv6 address", out error);
            string rest = s[(close + 1)..];
            if (rest.Length == 0) return Fail(NoPort(s), out error);
            if (rest[0] != ':') return Fail(NotAnAddress(s), out error);
            address = IPAddress.Parse(inside);
            portText = rest[1..];
        }
        else
        {
            int colon = s.IndexOf(':');
            if (colon >= 0 && s.IndexOf(':', colon + 1) >= 0)
                return Fail(LooksLikeIPv6(s) ? $"--listen: '{s}': write an IPv6 address in brackets, e.g. [::1]:9100"
                                             : NotAnAddress(s), out error);
            string host = colon < 0 ? s : s[..colon];
            if (host.Length == 0 && s.Length > 1 && s[1..].All(char.IsAsciiDigit))
                return Fail($"--listen: '{s}' has no host; use {s[1..]} for 127.0.0.1 or 0.0.0.0{s} for every interface", out error);
            if (host.Length == 0) return Fail(NotAnAddress(s), out error);
            if (!TryHost(host, out address, out string? hostError))   // a bare name ("abc") is more likely a mistyped port
                return Fail(hostError is not null && (colon >= 0 || LooksLikeIPv4(host)) ? hostError : NotAnAddress(s), out error);
            if (colon < 0) return Fail(NoPort(s), out error);
            portText = s[(colon + 1)..];
        }

        if (portText.Length == 0 || !portText.All(char.IsAsciiDigit)) return Fail(NotAnAddress(s), out error);
        if (portText.Length > 5 || int.Parse(portText, NumberStyles.None, CultureInfo.InvariantCulture) > IPEndPoint.MaxPort)
            return Fail($"--listen: port {portText} is out of range (1-65535, or 0 for any free port)", out error);
        endpoint = new IPEndPoint(address, int.Parse(portText, NumberStyles.None, CultureInfo.InvariantCulture));
        return true;
    }

    /// <returns>False with a message when <paramref name="host"/> is a host name or a bad IPv4 address, with null when it is
    /// neither.</returns>
    private static bool TryHost(string host, out IPAddress address, out string? error)
    {
        address = IPAddress.None;
        error = null;
        if (host.Equals(Localhost, StringComparison.OrdinalIgnoreCase))
        {
            address = IPAddress.Loopback;
            return true;
        }
        if (LooksLikeIPv4(host))
        {
            if (TryDottedQuad(host, out address)) return true;
            error = $"--listen: '{host}' is not an IPv4 address";
            return false;
        }
        if (host.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.'))
            error = $"--listen: '{host}' is a host name, and rxlog looks no names up; "
                  + "use an IP address (e.g. 0.0.0.0 or [::1]) or localhost";
        return false;
    }

    // "::1", "::1:9100", "fe80::1:9100": an IPv6 address, with or without a port glued on.
    private static bool LooksLikeIPv6(string s) =>
        IsIPv6(s) || IsIPv6(s[..s.LastIndexOf(':')]);

    private static bool IsIPv6(string s) =>
        IPAddress.TryParse(s, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6;

    private static bool LooksLikeIPv4(string host) => host.All(c => char.IsAsciiDigit(c) || c == '.');

    // Four decimal parts of 0-255 and nothing else: IPAddress.TryParse also takes "127.1", "2130706433" and octal or hex
    // parts ("010.0.0.1" is 8.0.0.1 to inet_aton), none of which a user means when typing a listen address.
    private static bool TryDottedQuad(string host, out IPAddress address)
    {
        address = IPAddress.None;
        string[] parts = host.Split('.');
        if (parts.Length != 4) return false;
        var bytes = new byte[4];
        for (int i = 0; i < 4; i++)
        {
            string p = parts[i];
            if (p.Length is 0 or > 3 || (p.Length > 1 && p[0] == '0')) return false;
            int value = int.Parse(p, NumberStyles.None, CultureInfo.InvariantCulture);
            if (value > 255) return false;
            bytes[i] = (byte)value;
        }
        address = new IPAddress(bytes);
        return true;
    }

    private static string NotAnAddress(string text) =>
        $"--listen: '{text}' is not a port or HOST:PORT (e.g. 9100 or 0.0.0.0:9100)";

    private static string NoPort(string text) => $"--listen: '{text}' has no port (e.g. {text}:9100)";

    private static bool Fail(string message, out string error)
    {
        error = message;
        return false;
    }
}

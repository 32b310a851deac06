using System.Net;

namespace RxLog.Sources.Network;

/// <summary>Where <c>rxlog receive</c> listens: <c>udp://[HOST]:PORT</c>, <c>tcp://[HOST]:PORT</c>, or with
/// <c>syslog+</c> in front (the same: every message is read as syslog when it starts with a syslog header, as a line
/// otherwise). HOST defaults to 127.0.0.1: listening on the network is the user's explicit choice
/// (<c>udp://0.0.0.0:5514</c>, <c>tcp://[::]:5514</c>).</summary>
public sealed record ReceiveAddress(bool Udp, IPEndPoint EndPoint, string Text)
{
    public static bool TryParse(string text, out ReceiveAddress? address, out string? problem)
    {
        address = null;
        problem = null;
        string rest = text;
        bool? udp = null;
        foreach (var (scheme, isUdp) in new[] { ("syslog+udp://", true), ("syslog+tcp://", false), ("udp://", true), ("tcp://", false) })
            if (rest.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            {
                udp = isUdp;
                rest = rest[scheme.Length..];
                break;
            }
        if (udp is null)
        {
            problem = $"'{Rendering.TerminalText.Sanitize(text)}': expected udp://[HOST]:PORT or tcp://[HOST]:PORT (or syslog+udp://, syslog+tcp://)";
            return false;
        }
        rest = rest.TrimEnd('/');
        string host = "127.0.0.1", port = rest;
        int colon = rest.LastIndexOf(':');
        if (colon >= 0 && (rest.StartsWith('[') ? rest.IndexOf(']') < colon : true))
        {
            host = rest[..colon].Trim('[', ']');
            port = rest[(colon + 1)..];
            if (host.Length == 0) host = "127.0.0.1";
        }
        if (!int.TryParse(port, out int number) || number is < 0 or > 65535)
        {
            problem = $"'{Rendering.TerminalText.Sanitize(text)}': expected a port from 0 (any free one) to 65535";
            return false;
        }
        if (!IPAddress.TryParse(host == "localhost" ? "127.0.0.1" : host, out var ip))
        {
            problem = $"'{Rendering.TerminalText.Sanitize(text)}': expected an IP address to listen on (127.0.0.1, 0.0.0.0, [::])";
            return false;
        }
        var endPoint = new IPEndPoint(ip, number);
        address = new ReceiveAddress(udp.Value, endPoint, $"{(udp.Value ? "udp" : "tcp")}://{endPoint}");
        return true;
    }
}

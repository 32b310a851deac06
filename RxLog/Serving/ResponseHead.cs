using System.Globalization;
using System.Text;

namespace RxLog.Serving;

/// <summary>Writes a response's status line and headers as the bytes <see cref="HttpResponder"/> sends.</summary>
/// <remarks>Always <c>HTTP/1.1</c> (a server sends its own version, RFC 9110 §6.2) and <c>Server: rxlog</c>; no
/// <c>Date</c> (RFC 9110 §6.6.1 lets a server without a reliable clock leave it out, and rxlog reads no wall clock).</remarks>
internal static class ResponseHead
{
    /// <summary>The <c>Connection</c> header a response carries.</summary>
    public enum Connection
    {
        /// <summary>none: HTTP/1.1 keeps the connection open by default</summary>
        Default,
        /// <summary><c>keep-alive</c>: an HTTP/1.0 client asked for it and gets it</summary>
        KeepAlive,
        /// <summary><c>close</c>: the responder closes the connection after this response</summary>
        Close,
    }

    public static byte[] Format(HttpResponse response, Connection connection)
    {
        var head = new StringBuilder(160)
            .Append("HTTP/1.1 ").Append(response.StatusCode.ToString(CultureInfo.InvariantCulture)).Append(' ')
            .Append(HttpSyntax.Reason(response.StatusCode)).Append("\r\n")
            .Append("Server: rxlog\r\n")
            .Append("Content-Type: ").Append(response.ContentType).Append("\r\n");
        foreach (var (name, value) in response.Headers)
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        if (!response.IsStreaming)   // a stream's body ends when the connection does
            head.Append("Content-Length: ").Append(response.Body.Length.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
        head.Append(connection switch
        {
            Connection.KeepAlive => "Connection: keep-alive\r\n",
            Connection.Close => "Connection: close\r\n",
            _ => "",
        });
        head.Append("\r\n");
        return Encoding.ASCII.GetBytes(head.ToString());   // every value was checked to be printable ASCII
    }
}

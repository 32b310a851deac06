using System.Net;
using RxLog.Serving;

namespace RxLog.Tests.Serving;

/// <summary>Responders on 127.0.0.1 and a free port, with a handler that shows what it was asked.</summary>
internal static class TestResponders
{
    /// <summary><c>/</c> says hello, <c>/echo</c> shows the method, path, query and the <c>Last-Event-ID</c> header as
    /// the handler saw them, <c>/boom</c> throws; every other path is 404.</summary>
    public static HttpResponse Routes(HttpRequest request) => request.Path switch
    {
        "/" => HttpResponse.Text("hello\n"),
        "/echo" => HttpResponse.Text(
            $"method={request.Method} path={request.Path} query={request.Query} id={request.Header("last-event-id")}\n"),
        "/boom" => throw new InvalidOperationException("the handler failed"),
        _ => HttpResponse.NotFound(),
    };

    public static HttpResponder Start(HttpResponderOptions? options = null) => Start(Routes, options);

    public static HttpResponder Start(Func<HttpRequest, HttpResponse> handler, HttpResponderOptions? options = null) =>
        HttpResponder.Start(new IPEndPoint(IPAddress.Loopback, 0), handler, options);
}

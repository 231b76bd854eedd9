using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace InferenceBox.Specs.Tests.Edge;

/// <summary>
/// Kestrel on 127.0.0.1:&lt;free port&gt;, over TLS with the given certificate (or plain HTTP without one): a real server
/// for real handshakes. GET /ok answers "ok"; POST /echo answers the body; /redirect/... answers 301 to the same path and
/// query on <c>RedirectTo</c>, as Envoy's RequestRedirect does; every request's Authorization header is kept.
/// </summary>
public sealed class LoopbackTlsServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackTlsServer(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;
    public List<string> SeenAuthorization { get; } = [];
    public int Requests;

    public static async Task<LoopbackTlsServer> StartAsync(X509Certificate2? certificate, Uri? redirectTo = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0, listen =>
        {
            listen.Protocols = HttpProtocols.Http1;
            if (certificate is not null) listen.UseHttps(certificate);
        }));
        var server = new LoopbackTlsServer(builder.Build());
        server._app.Use(async (context, next) =>
        {
            Interlocked.Increment(ref server.Requests);
            lock (server.SeenAuthorization) server.SeenAuthorization.Add(context.Request.Headers.Authorization.ToString());
            if (redirectTo is not null)
            {
                context.Response.StatusCode = 301;
                context.Response.Headers.Location = new Uri(redirectTo, context.Request.Path + context.Request.QueryString).ToString();
                return;
            }
            await next();
        });
        server._app.MapGet("/ok", () => "ok");
        server._app.MapPost("/echo", async (HttpContext context) =>
        {
            context.Response.ContentType = "application/json";
            await context.Request.Body.CopyToAsync(context.Response.Body);
        });
        await server._app.StartAsync(TestContext.Current.CancellationToken);
        server.BaseUrl = new Uri(server._app.Urls.Single());
        return server;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

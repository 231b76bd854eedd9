using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace InferenceBox.Specs.Tests.Gateway;

/// <summary>
/// A local Kestrel stand-in for the gateway on 127.0.0.1:&lt;free port&gt;: /status/{code} answers that code,
/// /local-rate-limit replays the recorded 429 of Envoy Gateway v1.4.2's local rate limiter
/// (Gateway/Fixtures/rate-limited-answers.json, sources named there), /echo answers the request's body and echoes
/// x-request-id; every request is counted by path.
/// </summary>
public sealed class StubGateway : IAsyncDisposable
{
    private readonly WebApplication _app;
    public ConcurrentDictionary<string, int> Hits { get; } = new();
    public ConcurrentQueue<string> SeenAuthorization { get; } = new();
    public ConcurrentQueue<string> SeenQueries { get; } = new();
    public Uri BaseUrl { get; private set; } = null!;

    private StubGateway(WebApplication app) => _app = app;

    /// <param name="certificate">Serve HTTPS with it (a bearer token only travels over HTTPS: GatewayDriver refuses plain HTTP).</param>
    public static async Task<StubGateway> StartAsync(System.Security.Cryptography.X509Certificates.X509Certificate2? certificate = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (certificate is null) builder.WebHost.UseUrls("http://127.0.0.1:0");
        else builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0, l => l.UseHttps(certificate)));
        var stub = new StubGateway(builder.Build());
        stub._app.Use(async (context, next) =>
        {
            stub.Hits.AddOrUpdate(context.Request.Path, 1, (_, n) => n + 1);
            stub.SeenAuthorization.Enqueue(context.Request.Headers.Authorization.ToString());
            stub.SeenQueries.Enqueue(context.Request.QueryString.Value ?? "");
            await next();
        });
        stub._app.MapGet("/status/{code:int}", (int code) => Results.Text($"status {code}", statusCode: code));
        stub._app.MapGet("/local-rate-limit", async (HttpContext context) =>
        {
            var recorded = RateLimitAnswersTests.Recorded("local");
            context.Response.StatusCode = recorded.StatusCode;
            foreach (var (name, value) in recorded.Headers.Where(h => h.Key is not ("content-length" or "date")))
                context.Response.Headers[name] = value;
            await context.Response.WriteAsync(recorded.Body);
        });
        stub._app.MapPost("/echo", async (HttpContext context) =>
        {
            context.Response.Headers["x-request-id"] = context.Request.Headers["x-request-id"].ToString();
            context.Response.ContentType = "application/json";
            await context.Request.Body.CopyToAsync(context.Response.Body);
        });
        await stub._app.StartAsync();
        stub.BaseUrl = new Uri(stub._app.Urls.First());
        return stub;
    }

    public int HitsOn(string path) => Hits.GetValueOrDefault(path);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

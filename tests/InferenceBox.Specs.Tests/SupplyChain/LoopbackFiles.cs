using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace InferenceBox.Specs.Tests.SupplyChain;

/// <summary>A real HTTP server on 127.0.0.1 (Kestrel, a free port) serving the given bytes per path; records each request.</summary>
public sealed class LoopbackFiles : IAsyncDisposable
{
    private readonly WebApplication _app;
    public ConcurrentDictionary<string, byte[]> Files { get; } = new();
    public ConcurrentQueue<string> Requests { get; } = new();

    private LoopbackFiles(WebApplication app) => _app = app;

    public Uri BaseUrl => new(_app.Urls.Single());

    public Uri Url(string path) => new(BaseUrl, path);

    public static async Task<LoopbackFiles> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(["--urls", "http://127.0.0.1:0"]);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new LoopbackFiles(app);
        app.Run(async context =>
        {
            server.Requests.Enqueue(context.Request.Path);
            if (server.Files.TryGetValue(context.Request.Path, out var body)) await context.Response.Body.WriteAsync(body);
            else context.Response.StatusCode = StatusCodes.Status404NotFound;
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

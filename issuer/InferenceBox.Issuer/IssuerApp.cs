using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Routing;

namespace InferenceBox.Issuer;

/// <summary>
/// Builds the issuer as a <see cref="WebApplication"/>, so the container's Program and the offline tests (Kestrel
/// on 127.0.0.1 port 0) run the very same service. Configuration faults throw <see cref="IssuerConfigurationException"/>.
/// </summary>
public static class IssuerApp
{
    /// <param name="customize">Runs last on the builder: the offline tests add a log recorder or tighter Kestrel limits.</param>
    public static WebApplication Build(string[] args, IEnumerable<KeyValuePair<string, string?>>? overrides = null,
        Action<WebApplicationBuilder>? customize = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (overrides is not null) builder.Configuration.AddInMemoryCollection(overrides);

        IssuerOptions options;
        try { options = builder.Configuration.GetSection(IssuerOptions.Section).Get<IssuerOptions>() ?? new IssuerOptions(); }
        catch (InvalidOperationException e) { throw new IssuerConfigurationException($"Issuer configuration has a value of the wrong type: {e.Message}", e); }
        if (options.Problems() is { Count: > 0 } problems)
            throw new IssuerConfigurationException("Invalid issuer configuration: " + string.Join(" ", problems));
        var keys = SigningKeys.Load(options);

        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = 128 * 1024; // a backstop; POST /token applies its own, much smaller limit
        });
        builder.Services.AddProblemDetails();
        builder.Services.AddHealthChecks();
        builder.Services.AddSingleton(options).AddSingleton(keys).AddSingleton(TimeProvider.System)
            .AddSingleton<IssuerMetrics>().AddSingleton<TokenMinter>().AddSingleton<TokenRequestReader>()
            .AddSingleton<ClientRegistry>();
        customize?.Invoke(builder);

        var app = builder.Build();
        if (keys.IsDevelopmentKey)
            app.Logger.LogWarning("DEVELOPMENT KEY: generated in memory (kid {Kid}); tokens stop validating when this process ends.", keys.Signing.KeyId);
        // Reads the clients file now, so a missing or invalid one stops the start with one clear message.
        var clients = app.Services.GetRequiredService<ClientRegistry>();
        app.Logger.LogInformation("Issuer {Issuer}: signing kid {Kid}; JWKS publishes {Count} key(s); tenants {Tenants}; {Clients} client(s)",
            options.Issuer, keys.Signing.KeyId, keys.Published.Count, string.Join(",", options.Tenants), clients.Count);
        if (clients.Count == 0)
            app.Logger.LogWarning("No clients (Issuer:ClientsFile unset): POST /token refuses every request with invalid_client.");

        app.Use(CountRequests);
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = AnswerFault, StatusCodeSelector = StatusFor,
            // ASP.NET Core 10 logs every exception its middleware handles through a delegate as UnhandledException at
            // Error, with the stack, unless told otherwise (ExceptionHandlerOptions.SuppressDiagnosticsCallback,
            // learn.microsoft.com .../aspnet-core/10/exception-handler-diagnostics-suppressed). A client's fault is
            // not the issuer's: AnswerFault logs it once, below Warning; the issuer's own faults keep that one Error.
            SuppressDiagnosticsCallback = c => c.Exception is BadHttpRequestException,
        });
        app.UseStatusCodePages(); // empty 404/405 answers become problem details too
        app.UseRouting();
        IssuerEndpoints.Map(app);
        return app;
    }

    /// <summary>Bad requests Kestrel detects keep their 4xx; anything else is the issuer's own fault.</summary>
    private static int StatusFor(Exception e) => e is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError;

    // The problem never carries the exception's message or stack: the log has them, keyed by the trace id.
    // Kestrel's client faults (bad chunking 400, body too slow 408, body too large 413) arrive here when the
    // endpoint reads the body; they are one Information line without the stack. Kestrel logs the faults it answers
    // before the application runs at Debug itself (dotnet/aspnetcore Kestrel KestrelTrace.BadRequests.cs,
    // ConnectionBadRequest event 17), which the container's "Microsoft.AspNetCore": "Warning" hides.
    private static async Task AnswerFault(HttpContext context)
    {
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        var status = error is null ? StatusCodes.Status500InternalServerError : StatusFor(error);
        if (error is BadHttpRequestException)
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("InferenceBox.Issuer.ClientFaults")
                .LogInformation("Client fault on {Method} {Route}: answered {Status} ({Reason}) trace {TraceId}",
                    IssuerMetrics.KnownMethod(context.Request.Method), context.Items[RouteKey] as string ?? "unmatched", status,
                    error.Message, context.TraceIdentifier);
        context.Response.StatusCode = status;
        await Results.Problem(statusCode: status,
                title: status < 500 ? "The request could not be read." : "The issuer failed to answer; see its log.",
                extensions: new Dictionary<string, object?> { ["traceId"] = context.TraceIdentifier })
            .ExecuteAsync(context);
    }

    private static async Task CountRequests(HttpContext context, RequestDelegate next)
    {
        var route = "unmatched";
        try
        {
            await next(context);
        }
        finally
        {
            if (context.GetEndpoint() is RouteEndpoint endpoint) route = endpoint.RoutePattern.RawText ?? route;
            else if (context.Items[RouteKey] is string remembered) route = remembered;
            context.RequestServices.GetRequiredService<IssuerMetrics>()
                .RequestAnswered(route, context.Request.Method, context.Response.StatusCode);
        }
    }

    /// <summary>Endpoints remember their route here because the exception handler clears the endpoint.</summary>
    internal const string RouteKey = "issuer.route";
}

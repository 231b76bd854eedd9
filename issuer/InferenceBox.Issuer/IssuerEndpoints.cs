namespace InferenceBox.Issuer;

/// <summary>The issuer's HTTP surface.</summary>
internal static class IssuerEndpoints
{
    public const string Jwks = "/.well-known/jwks.json", Tokens = "/tokens", Token = "/token", Health = "/health", Metrics = "/metrics";

    public static void Map(WebApplication app)
    {
        app.MapGet(Jwks, (HttpContext c, SigningKeys keys) => Remember(c, Jwks, Results.Json(keys.Jwks())));

        // Minted on every request: a token handed out at startup would expire while the service keeps running.
        app.MapGet(Tokens, (HttpContext c, IssuerOptions options, TokenMinter minter) =>
            Remember(c, Tokens, Results.Json(options.Tenants.ToDictionary(t => t, t => minter.Mint(t).Token))));

        app.MapPost(Token, async (HttpContext c, TokenRequestReader reader, TokenMinter minter) =>
        {
            c.Items[IssuerApp.RouteKey] = Token;
            var (request, errors) = await reader.ReadAsync(c.Request, c.RequestAborted);
            if (request is null)
                return Results.ValidationProblem(errors, title: "The token request is invalid.",
                    detail: "Send Content-Type: application/json with {\"tenant\": string, \"subject\"?: string, " +
                            "\"audience\"?: string, \"lifetimeSeconds\"?: integer}.");
            var minted = minter.Mint(request.Tenant, request.Subject, request.Audience, request.LifetimeSeconds);
            return Results.Json(new
            {
                access_token = minted.Token, token_type = "Bearer", expires_in = minted.LifetimeSeconds,
                tenant = minted.Tenant, sub = minted.Subject, aud = minted.Audience, jti = minted.Jti,
            });
        });

        app.MapHealthChecks(Health); // the key is loaded before the server listens, so live == ready

        app.MapGet(Metrics, async (HttpContext c, IssuerMetrics metrics) =>
        {
            c.Response.ContentType = IssuerMetrics.ContentType;
            await metrics.WriteAsync(c.Response.Body, c.RequestAborted);
        });
    }

    private static IResult Remember(HttpContext context, string route, IResult result)
    {
        context.Items[IssuerApp.RouteKey] = route;
        return result;
    }
}

namespace InferenceBox.Issuer;

/// <summary>
/// The issuer's HTTP surface. Public through the gateway: the JWKS and POST /token (exact paths, see
/// manifests/gateway/httproute-issuer.yaml). In-cluster only: /health (probes) and /metrics (Prometheus).
/// There is no endpoint that hands out a token without client authentication (the old GET /tokens is gone).
/// </summary>
internal static class IssuerEndpoints
{
    public const string Jwks = "/.well-known/jwks.json", Token = "/token", Health = "/health", Metrics = "/metrics";

    public static void Map(WebApplication app)
    {
        app.MapGet(Jwks, (HttpContext c, SigningKeys keys) => Remember(c, Jwks, Results.Json(keys.Jwks())));

        app.MapPost(Token, (HttpContext c, TokenRequestReader reader, ClientRegistry registry, TokenMinter minter, IssuerOptions options,
            IssuerMetrics metrics) =>
        {
            c.Items[IssuerApp.RouteKey] = Token;
            return TokenEndpoint.HandleAsync(c, reader, registry, minter, options, metrics);
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

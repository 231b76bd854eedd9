using InferenceBox.Specs.Support.Gateway;
using InferenceBox.Specs.Support.Tokens;

namespace InferenceBox.Specs.Support.Serving;

/// <summary>One probe through the gateway: the exchange, and which version answered (null: an error or an unknown answer).</summary>
public sealed record ProbeAnswer(GatewayExchange Exchange, string? Version)
{
    public bool Failed => Version is null;

    public override string ToString() =>
        $"{Exchange.StatusCode} in {Exchange.Latency.TotalMilliseconds:0}ms → {Version ?? "error: " + Truncate(Exchange.Body)}" +
        (Exchange.Retried ? $" after {Exchange.Attempts} attempts (transport faults retried)" : "");

    private static string Truncate(string s) => s.Length <= 160 ? s : s[..160] + "…";
}

/// <summary>
/// Sends the catalog's probe (V1 protocol) to a tenant's model through the gateway, as that tenant, and tells which
/// version answered. The tenant's token is the scenario's (<see cref="HeldTokens"/>; only its claims are ever logged).
/// </summary>
public sealed class ModelProber(GatewayDriver gateway, HeldTokens tokens)
{
    public async Task<ProbeAnswer> ProbeAsync(ModelVersions versions, IReadOnlyDictionary<string, string>? headers = null,
        bool withToken = true, CancellationToken ct = default)
    {
        var token = withToken ? await tokens.ValidAsync(versions.Tenant, ct) : null;
        var exchange = await gateway.PredictV1Async(versions.Tenant, versions.Model, token, versions.ProbeInput, headers, ct);
        return new ProbeAnswer(exchange, exchange.StatusCode == 200 ? VersionOrNull(versions, exchange) : null);
    }

    /// <summary>Sends <paramref name="count"/> probes one after the other; every answer is kept, none is retried.</summary>
    public async Task<IReadOnlyList<ProbeAnswer>> ProbeManyAsync(ModelVersions versions, int count, bool withToken = true, CancellationToken ct = default,
        IReadOnlyDictionary<string, string>? headers = null)
    {
        var answers = new List<ProbeAnswer>(count);
        for (var i = 0; i < count; i++) answers.Add(await ProbeAsync(versions, headers, withToken, ct));
        return answers;
    }

    private static string? VersionOrNull(ModelVersions versions, GatewayExchange exchange)
    {
        try { return versions.VersionOf(GatewayDriver.V1Predictions(exchange)); }
        catch (Exception e) when (e is FormatException or InvalidDataException or System.Text.Json.JsonException or KeyNotFoundException) { return null; }
    }
}

using InferenceBox.Specs.Support.Cluster;
using InferenceBox.Platform.Models;
using InferenceBox.Specs.Support.Serving;
using InferenceBox.Specs.Support.Tokens;

namespace InferenceBox.Specs.Support.Gateway;

/// <summary>
/// One probe of a catalog model through the gateway: the exchange, the catalog version whose expected output it gave
/// (null: an error, or an answer no version gives), and, for a check against one expected answer, what is wrong with it
/// (<see cref="Problem"/>, null when it answered as expected).
/// </summary>
public sealed record ProbeAnswer(GatewayExchange Exchange, string? Version, string? Problem = null)
{
    public bool Failed => Version is null;

    public override string ToString() =>
        $"{Exchange.StatusCode} in {Exchange.Latency.TotalMilliseconds:0}ms → {Version ?? "error: " + Truncate(Exchange.Body)}" +
        (Exchange.Retried ? $" after {Exchange.Attempts} attempts (transport faults retried)" : "") +
        (Problem is null ? "" : $" ({Exchange.Method} {Exchange.Url.AbsolutePath}: {Problem})");

    private static string Truncate(string s) => s.Length <= 160 ? s : s[..160] + "…";
}

/// <summary>
/// The one home of model probing: sends the catalog's probe (models/catalog.json: probe input and expected output per
/// version) to a tenant's model through the gateway and tells what answered. Tokens are the scenario's
/// (<see cref="HeldTokens"/>; only their claims are ever logged) or, for the token scenarios, the one the caller holds.
/// The catalog-wide checks (every default model, every opt-in model's readiness) are in ModelProber.Catalog.cs.
/// </summary>
public sealed partial class ModelProber(GatewayDriver gateway, HeldTokens tokens, ClusterDriver cluster)
{
    /// <summary>The run's catalog, read once (<see cref="ModelCatalog.OfRun"/>).</summary>
    public static ModelCatalog Catalog => ModelCatalog.OfRun;

    /// <summary>The catalog entry of the version every tenant serves at steady state (v1; before a canary, after a rollback).</summary>
    public static CatalogModel SteadyStateVersion(string owner, string model) => Version(owner, model, null);

    /// <summary>A catalog version of a tenant's model (null: the steady state's v1).</summary>
    public static CatalogModel Version(string owner, string model, string? version) => Catalog.Get(owner, model, version ?? "v1");

    /// <summary>The probe of <paramref name="owner"/>'s model (V1 protocol) with <paramref name="bearerToken"/> (null: none); the raw exchange.</summary>
    public Task<GatewayExchange> SendAsync(string owner, string model, string? version, string? bearerToken,
        IReadOnlyDictionary<string, string>? headers = null, CancellationToken ct = default) =>
        gateway.PredictV1Async(owner, model, bearerToken, ProbeInputOf(owner, model, version), headers, ct);

    /// <summary>The steady state's probe with the token in the query string instead of the Authorization header.</summary>
    public Task<GatewayExchange> SendWithTokenInQueryAsync(string owner, string model, string bearerToken, CancellationToken ct = default) =>
        gateway.PredictV1WithTokenInQueryAsync(owner, model, bearerToken, ProbeInputOf(owner, model, null), ct);

    /// <summary>The probe as the tenant itself (its held token, or none), told which version answered.</summary>
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

    private static double[][] ProbeInputOf(string owner, string model, string? version) => Version(owner, model, version).ProbeInput
        ?? throw new InvalidOperationException($"{owner}/{model} {version ?? "v1"} has no probe input in {Catalog.FilePath}.");

    private static string? VersionOrNull(ModelVersions versions, GatewayExchange exchange)
    {
        try { return versions.VersionOf(GatewayDriver.V1Predictions(exchange)); }
        catch (Exception e) when (e is FormatException or InvalidDataException or System.Text.Json.JsonException or KeyNotFoundException) { return null; }
    }
}

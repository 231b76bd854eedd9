using InferenceBox.Specs.Support.Cluster;
using InferenceBox.Specs.Support.Models;

namespace InferenceBox.Specs.Support.Gateway;

/// <summary>One catalog model's answer to its probe; <see cref="Problem"/> is null when it answered as expected.</summary>
public sealed record ProbeResult(string Model, string Protocol, int? Status, string Expected, string Actual, string? Problem)
{
    public override string ToString() => $"{Model} over {Protocol}: {Problem ?? "ok"} (HTTP {Status?.ToString() ?? "-"}, expected {Expected}, got {Actual})";
}

/// <summary>
/// Probes the catalog's models through the gateway. The version to expect is the one the live InferenceService
/// serves (matched by storageUri), so a catalog entry that is not deployed at steady state (the canary's v2) is
/// reported as such instead of being compared with another version's answer.
/// </summary>
public sealed class ModelProbes(GatewayDriver gateway, TenantTraffic traffic, ClusterDriver cluster)
{
    public IReadOnlyList<ProbeResult> Results { get; private set; } = [];

    public async Task<IReadOnlyList<ProbeResult>> ProbeDefaultsAsync(string protocol, CancellationToken ct = default)
    {
        var results = new List<ProbeResult>();
        foreach (var group in TenantTraffic.Catalog.Defaults.Where(m => m.Speaks(protocol)).GroupBy(m => (m.Tenant, m.Name)))
        {
            var isvc = await cluster.ReadAsync(ObjectRef.InferenceService(group.Key.Tenant, group.Key.Name), ct);
            var served = (string?)isvc?["spec"]?["predictor"]?["model"]?["storageUri"];
            var model = group.FirstOrDefault(m => m.StorageUri == served);
            if (model is null)
            {
                results.Add(new($"{group.Key.Tenant}/{group.Key.Name}", protocol, null, string.Join(" or ", group.Select(m => m.Version)),
                    served ?? "(no InferenceService)", "the live InferenceService serves no default catalog version"));
                continue;
            }
            results.Add(await ProbeAsync(model, protocol, ct));
        }
        return Results = results;
    }

    /// <summary>
    /// Heavy extras have no vendored feature probe: they must report ready over V1 (GET /v1/models/&lt;name&gt;), in the
    /// shape their runtime answers (<see cref="ModelReadiness"/>).
    /// </summary>
    public async Task<IReadOnlyList<ProbeResult>> CheckExtrasReadyAsync(CancellationToken ct = default)
    {
        var results = new List<ProbeResult>();
        foreach (var model in TenantTraffic.Catalog.Models.Where(m => !m.Default))
        {
            await traffic.HoldValidTokenAsync(model.Tenant, ct);
            var answer = await gateway.SendAsync(HttpMethod.Get, GatewayDriver.ModelPath(model.Tenant, model.Name, $"v1/models/{model.ModelNameInPath}"),
                traffic.TokenOf(model.Tenant), ct: ct);
            var notReady = ModelReadiness.WhyNotReady(model.Runtime, answer.StatusCode, answer.Body);
            results.Add(new(model.Id, "v1", answer.StatusCode, "ready", answer.Body, notReady is null ? null : "not ready: " + notReady));
        }
        return Results = results;
    }

    private async Task<ProbeResult> ProbeAsync(CatalogModel model, string protocol, CancellationToken ct)
    {
        var expected = model.ExpectedOutput ?? throw new InvalidOperationException($"{model.Id} has no expected output in the catalog.");
        await traffic.HoldValidTokenAsync(model.Tenant, ct);
        var token = traffic.TokenOf(model.Tenant);
        var answer = protocol == "v2"
            ? await gateway.InferV2Async(model.Tenant, model.ModelNameInPath, token, model.ProbeInput!, ct: ct)
            : await gateway.PredictV1Async(model.Tenant, model.ModelNameInPath, token, model.ProbeInput!, ct: ct);
        if (answer.StatusCode != 200)
            return new(model.Id, protocol, answer.StatusCode, Show(expected), answer.Body, "did not answer 200");
        IReadOnlyList<long> actual;
        try { actual = protocol == "v2" ? GatewayDriver.V2Outputs(answer) : GatewayDriver.V1Predictions(answer); }
        catch (InvalidDataException e) { return new(model.Id, protocol, 200, Show(expected), answer.Body, e.Message); }
        return new(model.Id, protocol, 200, Show(expected), Show(actual), actual.SequenceEqual(expected) ? null : "wrong output");
    }

    private static string Show(IEnumerable<long> values) => "[" + string.Join(", ", values) + "]";
}

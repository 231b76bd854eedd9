using InferenceBox.Platform.Models;
using InferenceBox.Platform.Cluster;

namespace InferenceBox.Specs.Support.Gateway;

/// <summary>
/// A check of the catalog's models through the gateway: the probes' answers, and the models it could not probe (why).
/// Its verdict, <see cref="Problems"/>, is empty only when something was probed and every answer was as expected.
/// </summary>
public sealed record CatalogCheck(IReadOnlyList<ProbeAnswer> Answers, IReadOnlyList<string> NotProbed)
{
    public IReadOnlyList<string> Problems =>
        Answers.Count + NotProbed.Count == 0 ? ["no catalog model was probed"]
        : [.. NotProbed, .. Answers.Where(a => a.Problem is not null).Select(a => a.ToString())];

    public override string ToString() => string.Join(Environment.NewLine, [.. NotProbed, .. Answers.Select(a => a.ToString())]);
}

public sealed partial class ModelProber
{
    /// <summary>The latest catalog check of the scenario, for its Then step.</summary>
    public CatalogCheck? LastCatalogCheck { get; private set; }

    /// <summary>
    /// Every default model speaking <paramref name="protocol"/> answers its probe with its expected output. The version to
    /// expect is the one the live InferenceService serves (matched by storageUri), so a catalog entry that is not deployed
    /// at steady state (the canary's v2) is reported as such instead of being compared with another version's answer.
    /// </summary>
    public async Task<CatalogCheck> ProbeDefaultsAsync(string protocol, CancellationToken ct = default)
    {
        var (answers, notProbed) = (new List<ProbeAnswer>(), new List<string>());
        foreach (var group in Catalog.Defaults.Where(m => m.Speaks(protocol)).GroupBy(m => (m.Tenant, m.Name)))
        {
            var isvc = await cluster.ReadAsync(ObjectRef.InferenceService(group.Key.Tenant, group.Key.Name), ct);
            var served = (string?)isvc?["spec"]?["predictor"]?["model"]?["storageUri"];
            if (group.FirstOrDefault(m => m.StorageUri == served) is { } model) answers.Add(await ProbeExpectingAsync(model, protocol, ct));
            else notProbed.Add($"{group.Key.Tenant}/{group.Key.Name} over {protocol}: the live InferenceService serves no default catalog version " +
                               $"(expected {string.Join(" or ", group.Select(m => m.Version))}, it serves {served ?? "(no InferenceService)"})");
        }
        return LastCatalogCheck = new(answers, notProbed);
    }

    /// <summary>
    /// Heavy extras have no vendored feature probe: they must report ready over V1 (GET /v1/models/&lt;name&gt;), in the
    /// shape their runtime answers (<see cref="ModelReadiness"/>).
    /// </summary>
    public async Task<CatalogCheck> CheckExtrasReadyAsync(CancellationToken ct = default)
    {
        var answers = new List<ProbeAnswer>();
        foreach (var model in Catalog.Models.Where(m => !m.Default))
        {
            var token = await tokens.ValidAsync(model.Tenant, ct);
            var answer = await gateway.SendAsync(HttpMethod.Get, GatewayDriver.ModelPath(model.Tenant, model.Name, $"v1/models/{model.ModelNameInPath}"),
                token, ct: ct);
            var notReady = ModelReadiness.WhyNotReady(model.Runtime, answer.StatusCode, answer.Body);
            answers.Add(new(answer, notReady is null ? model.Version : null, notReady is null ? null : $"{model.Id} not ready: {notReady}"));
        }
        return LastCatalogCheck = new(answers, []);
    }

    private async Task<ProbeAnswer> ProbeExpectingAsync(CatalogModel model, string protocol, CancellationToken ct)
    {
        var expected = model.ExpectedOutput ?? throw new InvalidOperationException($"{model.Id} has no expected output in the catalog.");
        var token = await tokens.ValidAsync(model.Tenant, ct);
        var answer = protocol == "v2"
            ? await gateway.InferV2Async(model.Tenant, model.ModelNameInPath, token, model.ProbeInput!, ct: ct)
            : await gateway.PredictV1Async(model.Tenant, model.ModelNameInPath, token, model.ProbeInput!, ct: ct);
        ProbeAnswer Wrong(string problem) => new(answer, null, $"{model.Id} over {protocol}, expected {Show(expected)}: {problem}");
        if (answer.StatusCode != 200) return Wrong("did not answer 200");
        IReadOnlyList<long> actual;
        try { actual = protocol == "v2" ? GatewayDriver.V2Outputs(answer) : GatewayDriver.V1Predictions(answer); }
        catch (InvalidDataException e) { return Wrong(e.Message); }
        return actual.SequenceEqual(expected) ? new(answer, model.Version) : Wrong($"wrong output {Show(actual)}");
    }

    private static string Show(IEnumerable<long> values) => "[" + string.Join(", ", values) + "]";
}

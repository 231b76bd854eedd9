using InferenceBox.Specs.Support.Diagnostics;
using InferenceBox.Specs.Support.Gateway;
using InferenceBox.Platform.Run;
using InferenceBox.Platform.Waiting;

namespace InferenceBox.Specs.Support.Serving;

/// <summary>
/// The answers of one split sample, taken once and never re-taken. A sampled request is never retried into a success:
/// the gateway driver retries transport faults for every call (setup calls need it), so an answer that took more than
/// one attempt is a failure of the sample — the reset it hid is what "none of the sampled requests failed" is about.
/// </summary>
public sealed record SplitSample(IReadOnlyList<ProbeAnswer> Answers)
{
    public int N => Answers.Count;
    public int Count(string version) => Answers.Count(a => a.Version == version);
    public IReadOnlyList<ProbeAnswer> Failures => Answers.Where(a => a.Failed || a.Exchange.Retried).ToArray();
}

/// <summary>
/// A KServe canary rollout of a tenant's model (spec.predictor.canaryTrafficPercent + a new storageUri), driven and
/// observed: control-plane status through <see cref="KServeDriver"/>, data plane through the gateway.
/// </summary>
public sealed class CanaryDriver(KServeDriver kserve, ModelProber prober, RunContext run, ScenarioTimeline timeline)
{
    /// <summary>v1 at 100%: storageUri of v1 and no canary percent (so the latest revision takes all traffic).</summary>
    public Task<InferenceServiceState> ServeOnlyAsync(ModelVersions versions, string version, CancellationToken ct = default) =>
        kserve.PatchPredictorAndWaitAsync(versions.Tenant, versions.Model, ServeOnlyPatch(versions.StorageUri(version)), ct);

    /// <summary>The predictor patch that serves one storageUri with no canary.</summary>
    public static Dictionary<string, object?> ServeOnlyPatch(string storageUri) => new()
    {
        ["canaryTrafficPercent"] = null,
        ["model"] = new Dictionary<string, object?> { ["storageUri"] = storageUri },
    };

    public Task<InferenceServiceState> RollOutCanaryAsync(ModelVersions versions, string version, int percent, CancellationToken ct = default) =>
        kserve.PatchPredictorAndWaitAsync(versions.Tenant, versions.Model, new Dictionary<string, object?>
        {
            ["canaryTrafficPercent"] = percent,
            ["model"] = new Dictionary<string, object?> { ["storageUri"] = versions.StorageUri(version) },
        }, ct);

    /// <summary>Promote = remove canaryTrafficPercent; roll back = set it to 0 (all traffic to the last rolled-out revision).</summary>
    public Task<InferenceServiceState> SetCanaryPercentAsync(ModelVersions versions, int? percent, CancellationToken ct = default) =>
        kserve.PatchPredictorAndWaitAsync(versions.Tenant, versions.Model,
            new Dictionary<string, object?> { ["canaryTrafficPercent"] = percent }, ct);

    /// <summary>
    /// Probes until the routing has converged (<see cref="Poll.ConvergeAsync{T}"/>, within "gateway-converged"):
    /// <paramref name="version"/> has answered, and since then <see cref="Poll.RequiredConsecutiveSuccesses"/> answers in a
    /// row came from a catalog version. Answers of the old configuration before <paramref name="version"/> first answers are
    /// expected, and logged as tries that have not converged yet; an error after it resets the count. Returns the latest
    /// answer of <paramref name="version"/>.
    /// </summary>
    public async Task<ProbeAnswer> MustBeAnsweredByAsync(ModelVersions versions, string version, CancellationToken ct = default,
        IReadOnlyDictionary<string, string>? headers = null)
    {
        ProbeAnswer? awaited = null;
        await Poll.ConvergeAsync(run.Budgets, WaitBudgets.Names.GatewayConverged,
            $"{version} of {versions.Tenant}/{versions.Model} to answer through the gateway", async token =>
            {
                var answer = await prober.ProbeAsync(versions, headers, ct: token);
                if (answer.Version == version) awaited = answer;
                return answer.Failed ? WaitVerdict<ProbeAnswer>.NotYet(answer.ToString())
                    : awaited is null ? WaitVerdict<ProbeAnswer>.NotYet($"{answer.Version} answered, {version} not yet")
                    : WaitVerdict<ProbeAnswer>.Reached(answer);
            }, what => timeline.Record("canary", what), ct);
        return awaited!;
    }

    public async Task<SplitSample> SampleAsync(ModelVersions versions, int n, CancellationToken ct = default) =>
        new(await prober.ProbeManyAsync(versions, n, ct: ct));

    /// <summary>The verdict of <see cref="MustBeAnsweredByAsync"/>: the answer of <paramref name="version"/>, or what answered meanwhile.</summary>
    public Task<WaitOutcome<ProbeAnswer>> AnsweredByAsync(ModelVersions versions, string version, IReadOnlyDictionary<string, string>? headers = null,
        CancellationToken ct = default) => WaitOutcome.Of(MustBeAnsweredByAsync(versions, version, ct, headers));
}

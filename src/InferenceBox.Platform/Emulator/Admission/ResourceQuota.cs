using System.Text.Json.Nodes;
using InferenceBox.Platform.Emulator.Http;

namespace InferenceBox.Platform.Emulator.Admission;

/// <summary>
/// ResourceQuota admission, as kubernetes/apiserver@v0.32.5 pkg/admission/plugin/resourcequota/controller.go
/// (<c>CheckRequest</c>) does it: for every quota in the namespace whose scopes match and whose <c>status.hard</c>
/// tracks something this object uses, the object must satisfy the evaluator's constraints ("failed quota: q: must
/// specify ..."), the quota must have usage for those resources ("status unknown for quota: q, resources: ..."),
/// and used + requested must stay within hard ("exceeded quota: q, requested: ..., used: ..., limited: ...").
/// On success the quotas' <c>status.used</c> is raised in the same request.
/// </summary>
public sealed class ResourceQuota : IAdmissionPlugin
{
    public string Name => "ResourceQuota";

    public void Validate(AdmissionRequest request, AdmissionContext context)
    {
        if (request.Object is null || string.IsNullOrEmpty(request.Namespace) || !QuotaEvaluators.Handles(request)) return;
        var quotas = context.List("", "v1", "ResourceQuota", request.Namespace);
        var r = request.Resource;
        var interesting = new List<(JsonObject Quota, IReadOnlyList<string> Tracked)>();
        foreach (var quota in quotas)
        {
            if (!QuotaEvaluators.MatchesScopes(quota, r, request.Object)) continue;
            var hard = Quantity.List(quota["status"]?["hard"]);
            var tracked = QuotaEvaluators.Matching(r, hard.Keys);
            if (tracked.Count == 0) continue;
            var name = quota["metadata"]!["name"]!.GetValue<string>();
            if (QuotaEvaluators.Constraints(r, tracked, request.Object) is { } missing)
                throw ApiError.Forbidden(r, request.Name, $"failed quota: {name}: {missing}");
            var used = Quantity.List(quota["status"]?["used"]);
            if (tracked.Any(t => !used.ContainsKey(t)))
                throw ApiError.Forbidden(r, request.Name, $"status unknown for quota: {name}, resources: {string.Join(",", tracked.Order(StringComparer.Ordinal))}");
            interesting.Add((quota, tracked));
        }
        var delta = QuotaEvaluators.Usage(r, request.Object);
        if (request.Operation == AdmissionRequest.Update && request.OldObject is not null)
            foreach (var (k, old) in QuotaEvaluators.Usage(r, request.OldObject))
                if (delta.TryGetValue(k, out var now)) delta[k] = now.Value > old.Value ? now.Subtract(old) : now with { Value = 0 };
        foreach (var zero in delta.Where(d => d.Value.Value == 0).Select(d => d.Key).ToList()) delta.Remove(zero);
        if (delta.Count == 0) return;

        foreach (var (quota, _) in interesting)
        {
            var hard = Quantity.List(quota["status"]!["hard"]);
            var used = Quantity.List(quota["status"]!["used"]);
            var requested = delta.Where(d => hard.ContainsKey(d.Key)).ToDictionary(d => d.Key, d => d.Value);
            var exceeded = requested.Keys.Where(k => (used.TryGetValue(k, out var u) ? u.Add(requested[k]) : requested[k]).Value > hard[k].Value)
                .ToList();
            if (exceeded.Count > 0)
                throw ApiError.Forbidden(r, request.Name,
                    $"exceeded quota: {quota["metadata"]!["name"]}, requested: {Quantity.Pretty(Only(requested, exceeded))}, " +
                    $"used: {Quantity.Pretty(Only(used, exceeded))}, limited: {Quantity.Pretty(Only(hard, exceeded))}");
            Quantity.AddInto(used, requested);
            context.AfterCommit.Add(new QuotaUsageUpdate(quota, used));
        }
    }

    private static Dictionary<string, Quantity> Only(Dictionary<string, Quantity> list, List<string> names) =>
        list.Where(p => names.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value);
}

/// <summary>A quota whose <c>status.used</c> admission raised, written once the object itself is stored.</summary>
public sealed record QuotaUsageUpdate(JsonObject Quota, IReadOnlyDictionary<string, Quantity> Used);

using InferenceBox.Platform.Manifests;
using System.Text.Json.Nodes;
using k8s.Models;

namespace InferenceBox.Platform.Schemas.Security;

/// <summary>A node size a profile promises (src/InferenceBox.Platform/Provisioning/Preflight/DockerCheck.cs Needs) and the quotas it runs with.</summary>
public sealed record NodeProfile(string Name, int Cpus, int MemoryGi, bool WithExtras);

/// <summary>
/// The tenants' quotas are real promises (issue 19 item 9): each tenant's ResourceQuota limits requests of CPU, memory and
/// scratch disk and counts objects; its LimitRange is consistent with it (defaultRequest &lt;= default &lt;= max, a container at
/// max fits the quota's limits, and every resource the quota tracks has a default, else the quota refuses pods that name
/// none); and, per profile, the platform's own requests (<see cref="PlatformFootprint"/>) plus the three tenants' requests
/// quotas fit the node, less the kubelet's 100Mi memory eviction threshold (kubernetes/kubernetes pkg/kubelet/eviction
/// defaults; kind overrides only the disk signals, kubernetes-sigs/kind@v0.29.0 pkg/cluster/internal/kubeadm/config.go).
/// The full profile applies inference/extras/, whose ResourceQuota replaces tenant-a's.
/// </summary>
public static class QuotaFitCheck
{
    public const decimal EvictionReserveMi = 100;
    public static readonly NodeProfile[] Profiles = [new("default", 4, 8, false), new("full", 6, 12, true)];
    private static readonly string[] RequiredKeys = ["requests.cpu", "requests.memory", "requests.ephemeral-storage"];

    public static IEnumerable<ValidationError> Run(string manifestsDir, IReadOnlyList<ManifestObject> objects, VersionLock versionLock)
    {
        var footprint = PlatformFootprint.Total(PlatformFootprint.Of(manifestsDir, objects, versionLock));
        var overlay = objects.Any(o => o.Kind == "ResourceQuota" && o.File.StartsWith(SemanticChecks.ExtrasFolder, StringComparison.Ordinal));
        // Without a quota overlay the full profile runs the same quotas on a bigger node: the default profile decides.
        foreach (var profile in Profiles.Where(p => !p.WithExtras || overlay))
        {
            var quotas = Quotas(objects, profile.WithExtras);
            var missing = PlatformTenants.All.Where(t => !quotas.ContainsKey(t)).ToList();
            if (!profile.WithExtras)
                foreach (var error in Shape(objects, quotas)) yield return error;
            if (missing.Count > 0) continue; // TenancyCheck reports a tenant without a quota
            var tenants = quotas.Select(q => (Tenant: q.Key, Requests: new ResourceAmount(
                ResourceAmount.Millis(Nodes.Text(Hard(q.Value)?["requests.cpu"])), ResourceAmount.Mi(Nodes.Text(Hard(q.Value)?["requests.memory"]))))).ToList();
            var total = tenants.Aggregate(footprint, (sum, t) => sum + t.Requests);
            var node = new ResourceAmount(profile.Cpus * 1000, profile.MemoryGi * 1024 - EvictionReserveMi);
            if (total.CpuMillis > node.CpuMillis || total.MemoryMi > node.MemoryMi)
                yield return new ValidationError("tenants/", null, null,
                    $"the {profile.Name} profile's node ({profile.Cpus} CPUs, {profile.MemoryGi} GiB less {EvictionReserveMi}Mi for the kubelet) cannot hold the " +
                    $"platform's requests ({footprint}) plus the tenants' requests quotas ({string.Join(", ", tenants.Select(t => $"{t.Tenant} {t.Requests}"))}): " +
                    $"{total} > {node}. The scheduler would leave pods Pending that each quota allows; lower the quotas (manifests/README.md, \"Node budget\")");
        }
    }

    /// <summary>Each tenant's ResourceQuota that tracks requests.cpu; with extras, an extras overlay replaces the default one.</summary>
    private static Dictionary<string, ManifestObject> Quotas(IReadOnlyList<ManifestObject> objects, bool withExtras)
    {
        var result = new Dictionary<string, ManifestObject>();
        foreach (var quota in objects.Where(o => o is { Kind: "ResourceQuota", ApiVersion: "v1" } && PlatformTenants.All.Contains(o.Namespace ?? "")
                                                 && Hard(o)?["requests.cpu"] is not null)
                     .OrderBy(o => o.File.StartsWith(SemanticChecks.ExtrasFolder, StringComparison.Ordinal)))
            if (withExtras || !quota.File.StartsWith(SemanticChecks.ExtrasFolder, StringComparison.Ordinal))
                result[quota.Namespace!] = quota;
        return result;
    }

    private static IEnumerable<ValidationError> Shape(IReadOnlyList<ManifestObject> objects, Dictionary<string, ManifestObject> quotas)
    {
        foreach (var (tenant, quota) in quotas)
        {
            var hard = Hard(quota)!;
            foreach (var key in RequiredKeys.Where(k => hard[k] is null))
                yield return Nodes.Error(quota, ".spec.hard", $"{tenant}'s quota must limit {key}");
            if (!hard.Any(h => h.Key.StartsWith("count/", StringComparison.Ordinal)))
                yield return Nodes.Error(quota, ".spec.hard", $"{tenant}'s quota must count objects too (count/<resource>.<group>), so a tenant cannot flood the API");
            foreach (var range in objects.Where(o => o is { Kind: "LimitRange", ApiVersion: "v1" } && o.Namespace == tenant))
            {
                var limits = Nodes.Items(range.Body["spec"]?["limits"]).ToList();
                for (var i = 0; i < limits.Count; i++)
                    if (Nodes.Text(limits[i]?["type"]) == "Container")
                        foreach (var problem in Consistency(limits[i]!, hard))
                            yield return Nodes.Error(range, $".spec.limits[{i}]", problem);
            }
        }
    }

    private static IEnumerable<string> Consistency(JsonNode limit, JsonObject hard)
    {
        decimal? Q(string section, string resource) => Nodes.Text(limit[section]?[resource]) is { } v ? new ResourceQuantity(v).ToDecimal() : null;
        foreach (var resource in new[] { "cpu", "memory", "ephemeral-storage" })
        {
            var (request, @default, max) = (Q("defaultRequest", resource), Q("default", resource), Q("max", resource));
            if (request > @default || @default > max || request > max)
                yield return $"{resource}: defaultRequest <= default <= max does not hold ({request}, {@default}, {max})";
            if (max is { } m && Nodes.Text(hard[$"limits.{resource}"]) is { } quotaLimit && m > new ResourceQuantity(quotaLimit).ToDecimal())
                yield return $"{resource}: a container at max ({Nodes.Text(limit["max"]?[resource])}) would exceed the quota's limits.{resource} ({quotaLimit}) on its own";
            if (hard[$"requests.{resource}"] is not null && request is null)
                yield return $"the quota tracks requests.{resource} but no defaultRequest.{resource} is set: pods that name none would be refused";
            if (hard[$"limits.{resource}"] is not null && @default is null)
                yield return $"the quota tracks limits.{resource} but no default.{resource} is set: pods that name none would be refused";
        }
    }

    private static JsonObject? Hard(ManifestObject quota) => quota.Body["spec"]?["hard"] as JsonObject;
}

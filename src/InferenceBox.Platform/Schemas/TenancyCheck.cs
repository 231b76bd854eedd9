using InferenceBox.Platform.Manifests;

namespace InferenceBox.Platform.Schemas;

/// <summary>Every tenant namespace holds all of its tenancy objects (issue 3, "Tenancy" and "InferenceServices").</summary>
public static class TenancyCheck
{

    /// <summary>(group, kind, condition) every tenant namespace must hold; the condition says what else it must satisfy.</summary>
    private static readonly (string Group, string Kind, string? Condition, Func<ManifestObject, bool> Holds)[] Required =
    [
        ("", "ResourceQuota", null, _ => true),
        ("", "LimitRange", null, _ => true),
        ("security.istio.io", "PeerAuthentication", "with spec.mtls.mode STRICT", o => o.Body["spec"]?["mtls"]?["mode"]?.ToString() == "STRICT"),
        ("security.istio.io", "RequestAuthentication", null, _ => true),
        ("security.istio.io", "AuthorizationPolicy", null, _ => true),
        ("gateway.envoyproxy.io", "SecurityPolicy", null, _ => true),
        ("gateway.networking.k8s.io", "HTTPRoute", null, _ => true),
        ("serving.kserve.io", "InferenceService", null, _ => true),
    ];

    public static IEnumerable<ValidationError> Run(IReadOnlyList<ManifestObject> objects)
    {
        foreach (var tenant in PlatformTenants.All)
        {
            var where = $"tenants/{tenant}/";
            var ns = objects.FirstOrDefault(o => o is { Kind: "Namespace", ApiVersion: "v1" } && o.Name == tenant);
            if (ns is null)
                yield return new ValidationError(where, null, null, $"tenant {tenant} has no Namespace {tenant}");
            else if (ns.Body["metadata"]?["labels"]?["istio-injection"]?.ToString() != "enabled")
                yield return new ValidationError(ns.File, ns.Describe(), ".metadata.labels.istio-injection",
                    "a tenant namespace needs the label istio-injection: enabled (sidecar injection)");

            foreach (var (group, kind, condition, holds) in Required)
            {
                var candidates = objects.Where(o => o.Kind == kind && o.Namespace == tenant && Group(o) == group).ToList();
                if (candidates.Count == 0)
                    yield return new ValidationError(where, null, null, $"tenant {tenant} has no {kind} in namespace {tenant}");
                else if (!candidates.Any(holds))
                    yield return new ValidationError(candidates[0].File, candidates[0].Describe(), null,
                        $"tenant {tenant} has no {kind} {condition}");
            }
        }
    }

    internal static string Group(ManifestObject o) => o.GroupVersionKind?.Group ?? "";
}

using InferenceBox.Platform.Manifests;

namespace InferenceBox.Platform.Schemas.Security;

/// <summary>
/// The security baseline's offline checks (issue 19): each refuses the regression of one item, naming the file, the object,
/// the field and what to do. Fixtures under tests/InferenceBox.Specs.Tests/Schemas/Fixtures/semantic/ prove each refuses.
/// </summary>
public static class SecurityChecks
{
    public static IEnumerable<ValidationError> Run(string manifestsDir, IReadOnlyList<ManifestObject> objects, VersionLock versionLock) =>
    [
        .. ChartValuesCheck.Run(manifestsDir, versionLock),        // items 1, 4, 6: Kiali, EnvoyPatchPolicy, the ingress gateway's Service
        .. GrafanaValuesCheck.Run(manifestsDir, versionLock),      // item 2: Grafana's password, RBAC and sidecar search
        .. KnativeMeshCheck.Run(objects),                          // item 3: the activator
        .. GatewayAttachmentCheck.Run(objects),                    // item 4: who may attach routes, Backends
        .. TokenLocationCheck.Run(objects),                        // item 5: tokens from the Authorization header only
        .. ClusterLocalCheck.Run(objects),                         // item 6: cluster-local models
        .. NetworkPolicyCheck.Run(objects),                        // item 7: what tenants' pods reach
        .. PodSecurityCheck.Run(manifestsDir, objects, versionLock), // item 8: every pod we define passes restricted
        .. NamespaceSecurityCheck.Run(objects, versionLock),       // item 8: every namespace we own enforces a level
        .. QuotaFitCheck.Run(manifestsDir, objects, versionLock),  // item 9: quotas that fit the node
        .. RateLimitCheck.Run(objects),                            // item 9: every model route rate-limited
        .. ModelStorageCheck.Run(manifestsDir, objects),           // item 14: each tenant's own models
    ];
}

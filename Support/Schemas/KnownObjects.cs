namespace InferenceBox.Specs.Support.Schemas;

/// <summary>An object identity for reference checks: API group (not version), kind, namespace (null: cluster-scoped or unset), name.</summary>
public sealed record ObjectKey(string Group, string Kind, string? Namespace, string Name)
{
    public override string ToString() => $"{(Group.Length == 0 ? "" : Group + "/")}{Kind} {(Namespace is null ? "" : Namespace + "/")}{Name}";
}

/// <summary>
/// Objects that references may name although no manifest holds them, listed explicitly so a typo is still caught:
/// what KServe (Serverless mode) and Knative create for each InferenceService, and platform Services the charts
/// install under fixed names.
/// </summary>
public static class KnownObjects
{
    /// <summary>
    /// For InferenceService <c>n</c> in namespace <c>ns</c>, per component (predictor, and transformer/explainer
    /// when the spec has them): the Knative Service <c>n-&lt;component&gt;</c> KServe creates, and the ExternalName
    /// Service Knative's route creates with the same name; plus KServe's top-level ExternalName Service <c>n</c> and
    /// its Istio VirtualService <c>n</c>.
    /// </summary>
    public static IEnumerable<ObjectKey> CreatedFor(ManifestObject inferenceService)
    {
        if (inferenceService is not { Kind: "InferenceService", Name: { } name }) yield break;
        var ns = inferenceService.Namespace;
        yield return new ObjectKey("", "Service", ns, name);
        yield return new ObjectKey("networking.istio.io", "VirtualService", ns, name);
        foreach (var component in new[] { "predictor", "transformer", "explainer" })
        {
            if (inferenceService.Body["spec"]?[component] is null) continue;
            yield return new ObjectKey("serving.knative.dev", "Service", ns, $"{name}-{component}");
            yield return new ObjectKey("", "Service", ns, $"{name}-{component}");
        }
    }

    /// <summary>Services the platform's charts and releases create under fixed names (istio gateway release: istio-ingressgateway).</summary>
    public static IReadOnlyList<ObjectKey> PlatformServices { get; } =
    [
        new("", "Service", "istio-system", "knative-local-gateway"), // net-istio
        new("", "Service", "istio-system", "istio-ingressgateway"),  // istio gateway chart, release istio-ingressgateway
        new("", "Service", "istio-system", "istiod"),
        new("", "Service", "knative-serving", "activator-service"),
        new("", "Service", "envoy-gateway-system", "envoy-gateway"),
    ];
}

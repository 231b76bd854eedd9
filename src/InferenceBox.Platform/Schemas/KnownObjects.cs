using InferenceBox.Platform.Manifests;

namespace InferenceBox.Platform.Schemas;

/// <summary>An object identity for reference checks: API group (not version), kind, namespace (null: cluster-scoped or unset), name.</summary>
public sealed record ObjectKey(string Group, string Kind, string? Namespace, string Name)
{
    public override string ToString() => $"{(Group.Length == 0 ? "" : Group + "/")}{Kind} {(Namespace is null ? "" : Namespace + "/")}{Name}";
}

/// <summary>
/// Objects that references may name although no manifest holds them, listed explicitly so a typo is still caught:
/// what KServe (Serverless mode) and Knative create for each InferenceService, what Envoy AI Gateway creates for each
/// AIGatewayRoute, and platform Services the charts
/// install under fixed names.
/// </summary>
public static class KnownObjects
{
    /// <summary>What KServe, Knative and the AI Gateway controller create for <paramref name="obj"/>, if anything.</summary>
    public static IEnumerable<ObjectKey> CreatedFor(ManifestObject obj) =>
        obj.Kind switch
        {
            "InferenceService" => CreatedForInferenceService(obj),
            "AIGatewayRoute" => CreatedForAIGatewayRoute(obj),
            _ => [],
        };

    /// <summary>
    /// As the pinned AIGatewayRoute CRD (Envoy AI Gateway 0.2.1) documents: an HTTPRoute of the same name, an
    /// HTTPRouteFilter <c>ai-eg-host-rewrite</c> per namespace, and an EnvoyExtensionPolicy <c>ai-eg-eep-&lt;gateway&gt;</c>
    /// per target Gateway, all in the AIGatewayRoute's namespace.
    /// </summary>
    private static IEnumerable<ObjectKey> CreatedForAIGatewayRoute(ManifestObject route)
    {
        if (route.Name is not { } name) yield break;
        yield return new ObjectKey("gateway.networking.k8s.io", "HTTPRoute", route.Namespace, name);
        yield return new ObjectKey("gateway.envoyproxy.io", "HTTPRouteFilter", route.Namespace, "ai-eg-host-rewrite");
        foreach (var target in route.Body["spec"]?["targetRefs"]?.AsArray() ?? [])
            if (target?["name"]?.ToString() is { } gateway)
                yield return new ObjectKey("gateway.envoyproxy.io", "EnvoyExtensionPolicy", route.Namespace, "ai-eg-eep-" + gateway);
    }

    /// <summary>
    /// For InferenceService <c>n</c> in namespace <c>ns</c>, per component (predictor, and transformer/explainer
    /// when the spec has them): the Knative Service <c>n-&lt;component&gt;</c> KServe creates, and the ExternalName
    /// Service Knative's route creates with the same name; plus KServe's top-level ExternalName Service <c>n</c> and
    /// its Istio VirtualService <c>n</c>.
    /// </summary>
    private static IEnumerable<ObjectKey> CreatedForInferenceService(ManifestObject inferenceService)
    {
        if (inferenceService.Name is not { } name) yield break;
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

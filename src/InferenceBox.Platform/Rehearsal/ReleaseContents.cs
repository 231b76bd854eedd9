using System.Text.Json.Nodes;
using static InferenceBox.Platform.Rehearsal.StandInObjects;

namespace InferenceBox.Platform.Rehearsal;

/// <summary>
/// What <c>kubectl apply -f &lt;release URL&gt;</c> creates, for each URL of manifests/versions.yaml releases:
/// the pinned CRDs and the objects of the release file the provisioner depends on (each from the file it follows).
/// </summary>
public static class ReleaseContents
{
    public sealed record Contents(IReadOnlyList<string> Crds, IReadOnlyList<JsonObject> Objects);

    /// <summary>What the release file creates, known by its file name: the URL's, or the verified local copy's (same name).</summary>
    public static Contents For(string url) => Path.GetFileName(Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.AbsolutePath : url) switch
    {
        // knative/serving@knative-v1.18.1 config/core/300-resources/ (the release's serving-crds.yaml), see schemas SOURCES.md.
        "serving-crds.yaml" => new(["crds/knative-serving-v1.18.1"], []),
        "serving-core.yaml" => new([], ServingCore().ToList()),
        "net-istio.yaml" => new([], NetIstio().ToList()),
        "rbac.yaml" => new([], AiGatewayRbac().ToList()),
        var other => throw new InvalidOperationException(
            $"The rehearsal has no stand-in for `kubectl apply -f {url}` ({other}); add what it creates to {nameof(ReleaseContents)}."),
    };

    /// <summary>knative/serving@knative-v1.18.1 config/core/100-namespace.yaml, deployments/*.yaml, configmaps/*.yaml.</summary>
    private static IEnumerable<JsonObject> ServingCore()
    {
        const string ns = "knative-serving", v = "1.18.1";
        yield return Namespace(ns);
        foreach (var name in new[] { "activator", "autoscaler", "controller", "webhook" }) yield return Deployment(ns, name, v);
        yield return Service(ns, "webhook", "webhook", 443); // deployments/webhook.yaml
        foreach (var map in new[] { "autoscaler", "certmanager", "defaults", "deployment", "domain", "features", "gc", "leader-election",
                     "logging", "network", "observability", "tracing" })
            yield return ConfigMap(ns, "config-" + map, new Dictionary<string, string>());
    }

    /// <summary>knative-extensions/net-istio@knative-v1.18.0 config/500-controller.yaml, 500-webhook-*.yaml, 202-gateway.yaml, 203-local-gateway.yaml.</summary>
    private static IEnumerable<JsonObject> NetIstio()
    {
        const string ns = "knative-serving", v = "1.18.0";
        yield return Deployment(ns, "net-istio-controller", v);
        yield return Deployment(ns, "net-istio-webhook", v);
        yield return Service(ns, "net-istio-webhook", "net-istio-webhook", 443);
        foreach (var (name, port) in new[] { ("knative-ingress-gateway", 80), ("knative-local-gateway", 8081) })
            yield return new JsonObject
            {
                ["apiVersion"] = "networking.istio.io/v1beta1", ["kind"] = "Gateway",
                ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
                ["spec"] = new JsonObject
                {
                    ["selector"] = new JsonObject { ["istio"] = "ingressgateway" },
                    ["servers"] = new JsonArray(new JsonObject
                    {
                        ["port"] = new JsonObject { ["number"] = port, ["name"] = "http", ["protocol"] = "HTTP" },
                        ["hosts"] = new JsonArray("*"),
                    }),
                },
            };
        var local = Service("istio-system", "knative-local-gateway", "ingressgateway", 80);
        local["spec"]!["selector"] = new JsonObject { ["istio"] = "ingressgateway" };
        yield return local;
    }

    /// <summary>envoyproxy/ai-gateway@v0.2.1 manifests/envoy-gateway-config/rbac.yaml.</summary>
    private static IEnumerable<JsonObject> AiGatewayRbac()
    {
        yield return new JsonObject
        {
            ["apiVersion"] = "rbac.authorization.k8s.io/v1", ["kind"] = "ClusterRole",
            ["metadata"] = new JsonObject { ["name"] = "list-ai-gateway-controller" },
            ["rules"] = new JsonArray(new JsonObject
            {
                ["apiGroups"] = new JsonArray("aigateway.envoyproxy.io"),
                ["resources"] = new JsonArray("aigatewayroutes", "aiservicebackends", "backendSecurityPolicies"),
                ["verbs"] = new JsonArray("get", "list", "watch"),
            }),
        };
        yield return new JsonObject
        {
            ["apiVersion"] = "rbac.authorization.k8s.io/v1", ["kind"] = "ClusterRoleBinding",
            ["metadata"] = new JsonObject { ["name"] = "list-ai-gateway-controller" },
            ["roleRef"] = new JsonObject { ["apiGroup"] = "rbac.authorization.k8s.io", ["kind"] = "ClusterRole", ["name"] = "list-ai-gateway-controller" },
            ["subjects"] = new JsonArray(new JsonObject { ["kind"] = "ServiceAccount", ["name"] = "envoy-gateway", ["namespace"] = "envoy-gateway-system" }),
        };
    }
}

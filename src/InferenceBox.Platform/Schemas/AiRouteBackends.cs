using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using InferenceBox.Platform.Manifests;

namespace InferenceBox.Platform.Schemas;

/// <summary>
/// One backend of one AIGatewayRoute rule, resolved as the AI Gateway controller resolves it: the rule's model (the value
/// its <c>x-ai-eg-model</c> header match expects), the AIServiceBackend named by the backendRef in the route's own namespace,
/// the Envoy Gateway Backend it points to, and that Backend's FQDN endpoints. <see cref="Predictor"/> is the InferenceService
/// (namespace, name) whose cluster-local predictor host an endpoint is, if it is one.
/// </summary>
public sealed record AiRouteBackend(ManifestObject Route, int RuleIndex, string? Model, string BackendName, ManifestObject? Service,
    ManifestObject? Backend, IReadOnlyList<string> Hosts, JsonNode? Timeouts)
{
    public IEnumerable<(string Namespace, string Name)> Predictors => Hosts.Select(AiRouteBackends.PredictorOf).OfType<(string, string)>();
}

/// <summary>
/// The one reading of an AIGatewayRoute's backends (envoyproxy/ai-gateway@v0.2.1 api/v1alpha1/api.go: a rule's backendRefs
/// name AIServiceBackends of the route's namespace, whose backendRef is an Envoy Gateway Backend; internal/controller/
/// ai_gateway_route.go copies the rule's timeouts, else the deprecated AIServiceBackend timeouts). The manifest checks and the
/// chat-model catalog's test read routes through it.
/// </summary>
public static partial class AiRouteBackends
{
    public const string ModelHeader = "x-ai-eg-model"; // api.go AIModelHeaderKey

    public static IEnumerable<AiRouteBackend> Of(IReadOnlyList<ManifestObject> objects)
    {
        foreach (var route in objects.Where(o => o.Kind == "AIGatewayRoute"))
        {
            var rules = route.Body["spec"]?["rules"] as JsonArray ?? [];
            for (var i = 0; i < rules.Count; i++)
            {
                if (rules[i] is not JsonObject rule) continue;
                var model = (rule["matches"] as JsonArray ?? []).SelectMany(m => m?["headers"] as JsonArray ?? [])
                    .Where(h => string.Equals(h?["name"]?.ToString(), ModelHeader, StringComparison.OrdinalIgnoreCase))
                    .Select(h => h?["value"]?.ToString()).FirstOrDefault();
                foreach (var name in (rule["backendRefs"] as JsonArray ?? []).Select(b => b?["name"]?.ToString()).OfType<string>())
                {
                    var service = objects.FirstOrDefault(b => b.Kind == "AIServiceBackend" && b.Namespace == route.Namespace && b.Name == name);
                    var backendRef = service?.Body["spec"]?["backendRef"];
                    var backend = objects.FirstOrDefault(b => b.Kind == "Backend" && b.Name == backendRef?["name"]?.ToString()
                        && b.Namespace == (backendRef?["namespace"]?.ToString() ?? service!.Namespace));
                    var hosts = (backend?.Body["spec"]?["endpoints"] as JsonArray ?? []).Select(e => e?["fqdn"]?["hostname"]?.ToString()).OfType<string>().ToList();
                    yield return new AiRouteBackend(route, i, model, name, service, backend, hosts, rule["timeouts"] ?? service?.Body["spec"]?["timeouts"]);
                }
            }
        }
    }

    /// <summary>The InferenceService whose cluster-local predictor host this is (<c>&lt;name&gt;-predictor.&lt;ns&gt;.svc.cluster.local</c>).</summary>
    public static (string Namespace, string Name)? PredictorOf(string host) =>
        PredictorHost().Match(host) is { Success: true } m ? (m.Groups["ns"].Value, m.Groups["model"].Value) : null;

    [GeneratedRegex(@"^(?<model>[a-z0-9-]+)-predictor\.(?<ns>[a-z0-9-]+)\.svc\.cluster\.local$")]
    private static partial Regex PredictorHost();
}

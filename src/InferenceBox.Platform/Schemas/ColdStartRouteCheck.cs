using InferenceBox.Platform.Manifests;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using InferenceBox.Platform.Waiting;

namespace InferenceBox.Platform.Schemas;

/// <summary>
/// Every route to a model that scales to zero waits out a cold start: its request timeout is at least the suite's
/// cold-start budget (<see cref="WaitBudgets.Names.ColdStart"/>, unscaled). Without a timeout Envoy gives a route 15 s
/// (envoy route_components.proto RouteAction.timeout default; envoyproxy/gateway@v1.4.2
/// internal/xds/translator/route.go sets it only from the rule's timeouts), and the gateway answers 504 to the first
/// request after scale to zero. Routes are HTTPRoute rules (URLRewrite hostname <c>&lt;model&gt;-predictor.&lt;ns&gt;.svc.cluster.local</c>)
/// and AIGatewayRoute rules (backendRefs → AIServiceBackend → Backend fqdn; the rule's timeouts, else the deprecated
/// AIServiceBackend timeouts: envoyproxy/ai-gateway@v0.2.1 internal/controller/ai_gateway_route.go).
/// A model scales to zero when its predictor's minReplicas is 0 (kserve/kserve@v0.15.2 pkg/constants/constants.go
/// DefaultMinReplicas = 1; ksvc_reconciler.go turns minReplicas into Knative's min-scale).
/// </summary>
public static partial class ColdStartRouteCheck
{
    /// <summary>Envoy's route timeout when the rule sets none.</summary>
    public static readonly TimeSpan EnvoyDefault = TimeSpan.FromSeconds(15);

    public static IEnumerable<ValidationError> Run(IReadOnlyList<ManifestObject> objects)
    {
        var budget = new WaitBudgets().ColdStart;
        var scalesToZero = objects.Where(o => o.Kind == "InferenceService" && o.Body["spec"]?["predictor"]?["minReplicas"]?.ToString() == "0")
            .Select(o => (o.Namespace ?? "", o.Name ?? "")).ToHashSet();
        var routes = objects.Where(o => o.Kind == "HTTPRoute")
            .SelectMany(o => (o.Body["spec"]?["rules"] as JsonArray ?? []).Select((rule, i) => (Object: o, Index: i,
                Models: RewrittenHosts(rule as JsonObject).SelectMany(ModelsOf), Timeouts: rule?["timeouts"])))
            .Concat(AiRouteBackends.Of(objects).Select(b => (Object: b.Route, Index: b.RuleIndex, Models: b.Predictors, b.Timeouts)));
        foreach (var (o, i, models, timeouts) in routes)
            foreach (var model in models.Distinct().Where(scalesToZero.Contains))
                if (Effective(timeouts) is { } timeout && timeout < budget)
                    yield return new ValidationError(o.File, o.Describe(), $".spec.rules[{i}].timeouts",
                        $"routes to {model.Item1}/{model.Item2}, which scales to zero (minReplicas 0), with a " +
                        (timeouts is null ? $"timeout of {EnvoyDefault.TotalSeconds:0} s (Envoy's default: the rule sets none)" : $"timeout of {timeout.TotalSeconds:0} s") +
                        $", shorter than the cold-start budget of {budget.TotalSeconds:0} s (WaitBudgets \"{WaitBudgets.Names.ColdStart}\"): the " +
                        $"gateway would answer 504 to the first request after scale to zero. Set timeouts.request to at least {budget.TotalSeconds:0}s");
    }

    private static IEnumerable<string> RewrittenHosts(JsonObject? rule) =>
        (rule?["filters"] as JsonArray ?? []).Select(f => f?["urlRewrite"]?["hostname"]?.ToString()).OfType<string>();

    /// <summary>
    /// The model a predictor host may name: <c>&lt;model&gt;-predictor.&lt;ns&gt;…</c>, or a tag host of KServe's tag routing,
    /// <c>latest-</c>/<c>prev-</c> before it (kserve/kserve@v0.15.2 reconcilers/knative/ksvc_reconciler.go tags "latest" and
    /// "prev"; knative/serving@knative-v1.18.1 pkg/reconciler/route/domains/domains.go, tag template "{{.Tag}}-{{.Name}}").
    /// Both readings are returned; only one can be a model of manifests/.
    /// </summary>
    private static IEnumerable<(string, string)> ModelsOf(string host)
    {
        if (AiRouteBackends.PredictorOf(host) is not { } predictor) yield break;
        var (ns, model) = predictor;
        yield return (ns, model);
        foreach (var tag in new[] { "latest-", "prev-" })
            if (model.StartsWith(tag, StringComparison.Ordinal)) yield return (ns, model[tag.Length..]);
    }

    /// <summary>The shortest timeout set (request, backendRequest); Envoy's 15 s when none; null when disabled ("0s").</summary>
    private static TimeSpan? Effective(JsonNode? timeouts)
    {
        var set = new[] { "request", "backendRequest" }.Select(k => timeouts?[k]?.ToString()).OfType<string>().Select(Duration).ToList();
        if (set.Count == 0) return EnvoyDefault;
        var positive = set.Where(d => d > TimeSpan.Zero).ToList();
        return positive.Count == 0 ? null : positive.Min();
    }

    /// <summary>A Gateway API Duration (GEP-2257: e.g. "90s", "1m30s", "500ms"; the pinned CRDs' pattern ^([0-9]{1,5}(h|m|s|ms)){1,4}$).</summary>
    public static TimeSpan Duration(string text) => DurationPart().Matches(text).Aggregate(TimeSpan.Zero, (total, part) =>
        total + int.Parse(part.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture) * part.Groups["unit"].Value switch
        {
            "h" => TimeSpan.FromHours(1), "m" => TimeSpan.FromMinutes(1), "s" => TimeSpan.FromSeconds(1), _ => TimeSpan.FromMilliseconds(1),
        });

    [GeneratedRegex(@"(?<n>[0-9]+)(?<unit>ms|h|m|s)")]
    private static partial Regex DurationPart();
}

using InferenceBox.Platform.Manifests;
using System.Text.Json.Nodes;

namespace InferenceBox.Platform.Schemas.Security;

/// <summary>
/// Knative's activator is no confused deputy (issue 19 item 3). It forwards to whichever revision the caller's
/// Knative-Serving-Namespace / -Revision headers name, with its own identity, which every tenant trusts
/// (knative/serving@knative-v1.18.1 pkg/activator/handler/context_handler.go). So: knative-serving runs STRICT mutual TLS
/// (a namespace-wide PeerAuthentication, and no workload or port of it PERMISSIVE but the serving webhook's 8443, which the
/// API server calls without a mesh identity), and an ALLOW AuthorizationPolicy on the activator whose every rule names a
/// mesh caller (principals or namespaces) and only the activator's data ports 8012/8013.
/// </summary>
public static class KnativeMeshCheck
{
    public const string Namespace = "knative-serving";
    private const string Security = "security.istio.io";
    private static readonly string[] DataPorts = ["8012", "8013"];

    public static IEnumerable<ValidationError> Run(IReadOnlyList<ManifestObject> objects)
    {
        if (!objects.Any(o => o.Namespace == Namespace)) yield break; // Knative is not part of these manifests
        var where = "platform/knative/";
        var peers = objects.Where(o => Nodes.Is(o, Security, "PeerAuthentication") && o.Namespace == Namespace).ToList();
        if (!peers.Any(p => p.Body["spec"]?["selector"] is null && Nodes.Text(p.Body["spec"]?["mtls"]?["mode"]) == "STRICT"))
            yield return new ValidationError(where, null, null,
                $"{Namespace} has no namespace-wide PeerAuthentication with mtls.mode STRICT: a pod without a sidecar could talk plaintext to the activator");
        foreach (var peer in peers)
        {
            if (Nodes.Text(peer.Body["spec"]?["mtls"]?["mode"]) is "PERMISSIVE" or "DISABLE")
                yield return Nodes.Error(peer, ".spec.mtls.mode", "nothing in knative-serving may be PERMISSIVE or DISABLE as a whole");
            foreach (var (port, level) in peer.Body["spec"]?["portLevelMtls"] as JsonObject ?? [])
                if (Nodes.Text(level?["mode"]) is "PERMISSIVE" or "DISABLE"
                    && !(port == "8443" && Nodes.Text(peer.Body["spec"]?["selector"]?["matchLabels"]?["app"]) == "webhook"))
                    yield return Nodes.Error(peer, $".spec.portLevelMtls[\"{port}\"]",
                        "only the serving webhook's 8443 (called by the API server) may take plaintext in knative-serving");
        }

        var policies = objects.Where(o => Nodes.Is(o, Security, "AuthorizationPolicy") && o.Namespace == Namespace
                                          && Nodes.Text(o.Body["spec"]?["selector"]?["matchLabels"]?["app"]) == "activator").ToList();
        if (policies.Count == 0)
            yield return new ValidationError(where, null, null,
                "the activator has no AuthorizationPolicy (selector app: activator): any mesh workload could have it call any tenant's model");
        foreach (var policy in policies)
        {
            var spec = policy.Body["spec"];
            if ((Nodes.Text(spec?["action"]) ?? "ALLOW") != "ALLOW")
                { yield return Nodes.Error(policy, ".spec.action", "the activator's policy must be an ALLOW list"); continue; }
            var rules = Nodes.Items(spec?["rules"]).ToList();
            for (var i = 0; i < rules.Count; i++)
            {
                var sources = Nodes.Items(rules[i]?["from"]).Select(f => f?["source"]).ToList();
                if (sources.Count == 0 || sources.Any(s => Nodes.Strings(s?["principals"]).Count == 0 && Nodes.Strings(s?["namespaces"]).Count == 0))
                    yield return Nodes.Error(policy, $".spec.rules[{i}].from",
                        "every rule must name its callers by mesh identity (principals or namespaces)");
                var operations = Nodes.Items(rules[i]?["to"]).Select(t => t?["operation"]).ToList();
                if (operations.Count == 0 || operations.Any(op => Nodes.Strings(op?["ports"]) is var ports && (ports.Count == 0 || ports.Except(DataPorts).Any())))
                    yield return Nodes.Error(policy, $".spec.rules[{i}].to",
                        "every rule must name the activator's data ports only (to.operation.ports 8012, 8013), never its metrics or profiling port");
            }
        }
    }
}

using System.Text.Json.Nodes;

namespace InferenceBox.Platform.Emulator.Controllers;

/// <summary>
/// Knative's <c>secure-pod-defaults</c> feature (ConfigMap knative-serving/config-features; knative/serving@knative-v1.18.1
/// pkg/apis/config/features.go): when Enabled, the defaulting webhook gives each user container of a revision the restricted
/// settings it lacks (pkg/apis/serving/v1/revision_defaults.go <c>defaultSecurityContext</c>). Knative's own queue-proxy is
/// restricted either way (pkg/reconciler/revision/resources/queue.go).
/// </summary>
public static class KnativeSecureDefaults
{
    /// <summary>Knative's flag, parsed as features.go <c>asFlag</c> does (case-insensitive).</summary>
    public static bool Enabled(JsonObject? features) =>
        string.Equals(features?["data"]?["secure-pod-defaults"]?.ToString(), "Enabled", StringComparison.OrdinalIgnoreCase);

    /// <summary>revision_defaults.go <c>defaultSecurityContext</c>, for one container, given the pod's securityContext.</summary>
    public static void Apply(JsonObject container, JsonObject? pod)
    {
        var sc = container["securityContext"] as JsonObject ?? new JsonObject();
        sc.TryAdd("allowPrivilegeEscalation", false);
        if (pod?["seccompProfile"]?["type"]?.ToString() is null or "")
        {
            var profile = sc["seccompProfile"] as JsonObject ?? new JsonObject();
            if (profile["type"]?.ToString() is null or "") profile["type"] = "RuntimeDefault";
            sc["seccompProfile"] = profile;
        }
        if (sc["capabilities"] is null)
        {
            var capabilities = new JsonObject { ["drop"] = new JsonArray("ALL") };
            if ((container["ports"]?.AsArray() ?? []).Any(p => int.TryParse(p?["containerPort"]?.ToString(), out var port) && port < 1024))
                capabilities["add"] = new JsonArray("NET_BIND_SERVICE");
            sc["capabilities"] = capabilities;
        }
        if (pod?["runAsNonRoot"] is null) sc["runAsNonRoot"] = true;
        container["securityContext"] = sc;
    }
}

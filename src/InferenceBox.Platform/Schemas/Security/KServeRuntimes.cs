using System.Text.Json.Nodes;

namespace InferenceBox.Platform.Schemas.Security;

/// <summary>
/// The ClusterServingRuntimes of the kserve chart v0.15.2 that our models use, as far as a pod's security depends on
/// them: name, the model format each auto-selects, and the kserve-container's securityContext (kserve/kserve@v0.15.2
/// charts/kserve-resources/templates/clusterservingruntimes.yaml, values.yaml kserve.servingruntime.&lt;runtime&gt;.securityContext:
/// allowPrivilegeEscalation false, privileged false, runAsNonRoot true, capabilities drop ALL; tensorflow and torchserve
/// add runAsUser 1000 because their images name no user). None sets a seccompProfile.
/// </summary>
public static class KServeRuntimes
{
    private sealed record Runtime(string Name, string Format, int? RunAsUser);

    private static readonly Runtime[] Known =
    [
        new("kserve-sklearnserver", "sklearn", null),
        new("kserve-tensorflow-serving", "tensorflow", 1000),
        new("kserve-torchserve", "pytorch", 1000),
        new("kserve-huggingfaceserver", "huggingface", null),
    ];

    /// <summary>The kserve-container's securityContext of a chart runtime (values.yaml kserve.servingruntime.*.securityContext).</summary>
    public static JsonObject SecurityContext(int? runAsUser = null)
    {
        var sc = new JsonObject();
        if (runAsUser is { } uid) sc["runAsUser"] = uid;
        sc["allowPrivilegeEscalation"] = false;
        sc["privileged"] = false;
        sc["runAsNonRoot"] = true;
        sc["capabilities"] = new JsonObject { ["drop"] = new JsonArray("ALL") };
        return sc;
    }

    /// <summary>
    /// The runtime KServe picks for an InferenceService (spec.predictor.model.runtime, else the one that auto-selects its
    /// format), shaped as a ClusterServingRuntime; null when it is none of ours.
    /// </summary>
    public static JsonObject? For(JsonObject isvc)
    {
        var model = isvc["spec"]?["predictor"]?["model"];
        var named = model?["runtime"]?.ToString();
        var format = model?["modelFormat"]?["name"]?.ToString();
        var runtime = Known.FirstOrDefault(r => named is not null ? r.Name == named : r.Format == format);
        return runtime is null ? null : new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = runtime.Name },
            ["spec"] = new JsonObject
            {
                ["containers"] = new JsonArray(new JsonObject { ["name"] = "kserve-container", ["securityContext"] = SecurityContext(runtime.RunAsUser) }),
            },
        };
    }
}

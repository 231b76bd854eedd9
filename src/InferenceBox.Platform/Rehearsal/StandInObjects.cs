using System.Text.Json.Nodes;

namespace InferenceBox.Platform.Rehearsal;

/// <summary>
/// The objects the stand-in tools create, built the way the real tools leave them: helm marks what it installs
/// (helm/helm@v3.18.4 pkg/action/validate.go, <c>setMetadataVisitor</c>: label app.kubernetes.io/managed-by=Helm,
/// annotations meta.helm.sh/release-name and meta.helm.sh/release-namespace). No container ever runs, so images
/// name the reserved .invalid domain (RFC 2606) instead of pretending to be the chart's.
/// </summary>
public static class StandInObjects
{
    public static JsonObject Namespace(string name) => new()
    {
        ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = name },
    };

    /// <summary>
    /// A Deployment of one replica with one container, selected by app=&lt;name&gt;; with the pod's and the container's
    /// securityContext the chart renders, where the namespace's Pod Security level depends on them.
    /// </summary>
    public static JsonObject Deployment(string ns, string name, string version, IReadOnlyDictionary<string, string>? labels = null,
        JsonObject? podSecurity = null, JsonObject? containerSecurity = null)
    {
        var podLabels = new JsonObject { ["app"] = name };
        var objectLabels = new JsonObject { ["app"] = name, ["app.kubernetes.io/version"] = version };
        foreach (var (key, value) in labels ?? new Dictionary<string, string>()) { objectLabels[key] = value; podLabels[key] = value; }
        return new JsonObject
        {
            ["apiVersion"] = "apps/v1", ["kind"] = "Deployment",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns, ["labels"] = objectLabels },
            ["spec"] = new JsonObject
            {
                ["replicas"] = 1,
                ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = name } },
                ["template"] = new JsonObject
                {
                    ["metadata"] = new JsonObject { ["labels"] = podLabels },
                    ["spec"] = WithSecurity(new JsonObject
                    {
                        ["containers"] = new JsonArray(new JsonObject { ["name"] = name, ["image"] = $"rehearsal.invalid/{name}:{version}" }),
                    }, podSecurity, containerSecurity),
                },
            },
        };
    }

    /// <summary>Puts the securityContexts (when given) on a pod spec and its containers.</summary>
    public static JsonObject WithSecurity(JsonObject podSpec, JsonObject? pod, JsonObject? container)
    {
        if (pod is not null) podSpec["securityContext"] = pod.DeepClone();
        if (container is not null)
            foreach (var c in (podSpec["containers"] as JsonArray ?? []).OfType<JsonObject>()) c["securityContext"] = container.DeepClone();
        return podSpec;
    }

    /// <summary>A ClusterIP Service selecting app=&lt;selectorApp&gt; on one port.</summary>
    public static JsonObject Service(string ns, string name, string selectorApp, int port) => new()
    {
        ["apiVersion"] = "v1", ["kind"] = "Service",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
        ["spec"] = new JsonObject
        {
            ["selector"] = new JsonObject { ["app"] = selectorApp },
            ["ports"] = new JsonArray(new JsonObject { ["name"] = "https", ["port"] = port }),
        },
    };

    public static JsonObject ConfigMap(string ns, string name, IReadOnlyDictionary<string, string> data) => new()
    {
        ["apiVersion"] = "v1", ["kind"] = "ConfigMap",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
        ["data"] = new JsonObject(data.Select(d => KeyValuePair.Create(d.Key, (JsonNode?)d.Value))),
    };

    /// <summary>Marks an object as helm marks what a release installs.</summary>
    public static JsonObject AsHelmRelease(JsonObject obj, string release, string releaseNamespace)
    {
        var metadata = (JsonObject)obj["metadata"]!;
        var labels = metadata["labels"] as JsonObject ?? new JsonObject();
        labels["app.kubernetes.io/managed-by"] = "Helm";
        metadata["labels"] = labels;
        var annotations = metadata["annotations"] as JsonObject ?? new JsonObject();
        annotations["meta.helm.sh/release-name"] = release;
        annotations["meta.helm.sh/release-namespace"] = releaseNamespace;
        metadata["annotations"] = annotations;
        return obj;
    }
}

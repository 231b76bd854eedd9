using System.Text.Json.Nodes;
using InferenceBox.Platform.Manifests;

namespace InferenceBox.Platform.Schemas;

/// <summary>
/// A structural check of <c>manifests/kind/cluster.yaml</c>, kind's own config (kind.x-k8s.io/v1alpha4 Cluster), which
/// no cluster schema covers: the shared contract's name, port mappings on 127.0.0.1 only (the gateway's HTTPS 8443 → 30443
/// and its redirecting plain HTTP 8080 → 30080), the
/// models mounts, the pinned node image, and no field kind's v1alpha4 types do not define.
/// </summary>
public static class KindClusterCheck
{
    public const string FileName = "kind/cluster.yaml";
    private static readonly string[] ClusterFields = ["kind", "apiVersion", "name", "nodes", "networking", "featureGates",
        "runtimeConfig", "kubeadmConfigPatches", "kubeadmConfigPatchesJSON6902", "containerdConfigPatches", "containerdConfigPatchesJSON6902"];
    private static readonly string[] NodeFields = ["role", "image", "labels", "extraMounts", "extraPortMappings",
        "kubeadmConfigPatches", "kubeadmConfigPatchesJSON6902"];
    private static readonly string[] MountFields = ["containerPath", "hostPath", "readOnly", "selinuxRelabel", "propagation"];
    private static readonly string[] PortFields = ["containerPort", "hostPort", "listenAddress", "protocol"];

    public static IReadOnlyList<ValidationError> Run(string manifestsDir, string? pinnedNodeImage)
    {
        var errors = new List<ValidationError>();
        void Fail(string? path, string message) => errors.Add(new ValidationError(FileName, "kind Cluster", path, message));
        var file = Path.Combine(manifestsDir, FileName);
        if (!File.Exists(file)) { Fail(null, "the kind cluster config is missing"); return errors; }
        JsonObject? cluster;
        try { cluster = YamlJson.ParseAll(File.ReadAllText(file), FileName).SingleOrDefault()?.Node as JsonObject; }
        catch (InvalidDataException e) { Fail(null, e.Message); return errors; }
        if (cluster is null) { Fail(null, "expected exactly one YAML mapping"); return errors; }

        if (cluster["apiVersion"]?.ToString() != "kind.x-k8s.io/v1alpha4" || cluster["kind"]?.ToString() != "Cluster")
            Fail(".apiVersion", "expected apiVersion kind.x-k8s.io/v1alpha4 and kind Cluster");
        if (cluster["name"]?.ToString() != "inference-in-a-box") Fail(".name", "the cluster must be named inference-in-a-box");
        Unknown(cluster, "", ClusterFields, Fail);
        if (cluster["nodes"] is not JsonArray { Count: > 0 } nodes) { Fail(".nodes", "at least one node is required"); return errors; }

        var ports = new List<JsonNode>();
        var mounts = new List<JsonNode>();
        for (var i = 0; i < nodes.Count; i++)
        {
            var at = $".nodes[{i}]";
            if (nodes[i] is not JsonObject node) { Fail(at, "a node must be a mapping"); continue; }
            Unknown(node, at, NodeFields, Fail);
            if (node["role"]?.ToString() is not ("control-plane" or "worker")) Fail(at + ".role", "role must be control-plane or worker");
            if (node["image"] is { } image && image.ToString() != pinnedNodeImage)
                Fail(at + ".image", $"node image \"{image}\" is not the kind.nodeImage of versions.yaml ({pinnedNodeImage ?? "unset"})");
            var nodePorts = node["extraPortMappings"] as JsonArray ?? [];
            for (var p = 0; p < nodePorts.Count; p++)
            {
                var path = $"{at}.extraPortMappings[{p}]";
                if (nodePorts[p] is not JsonObject port) { Fail(path, "a port mapping must be a mapping"); continue; }
                Unknown(port, path, PortFields, Fail);
                if (port["listenAddress"]?.ToString() != "127.0.0.1") Fail(path + ".listenAddress", "host ports must listen on 127.0.0.1 only");
                if (!IsInt(port["containerPort"]) || !IsInt(port["hostPort"])) Fail(path, "containerPort and hostPort must be integers");
                ports.Add(port);
            }
            var nodeMounts = node["extraMounts"] as JsonArray ?? [];
            for (var m = 0; m < nodeMounts.Count; m++)
            {
                var path = $"{at}.extraMounts[{m}]";
                if (nodeMounts[m] is not JsonObject mount) { Fail(path, "a mount must be a mapping"); continue; }
                Unknown(mount, path, MountFields, Fail);
                if (mount["hostPath"] is null || mount["containerPath"] is null) Fail(path, "a mount needs hostPath and containerPath");
                mounts.Add(mount);
            }
        }
        foreach (var (container, host, what) in GatewayMappings)
            if (!ports.Any(p => Int(p["containerPort"]) == container && Int(p["hostPort"]) == host))
                Fail(".nodes[*].extraPortMappings", $"the gateway's {what} mapping is missing: containerPort {container} → hostPort {host} on 127.0.0.1");
        // Each tenant's models are bound under /models/<tenant>/ (Security/ModelStorageCheck.cs judges each bind).
        if (!mounts.Any(m => m["containerPath"]?.ToString()?.StartsWith("/models/", StringComparison.Ordinal) == true))
            Fail(".nodes[*].extraMounts", "the models mounts are missing: bind each tenant's models, read-only, under node /models/<tenant>/");
        return errors;
    }

    /// <summary>The model gateway's entry points (gateway/gateway.yaml pins the nodePorts): HTTPS, and plain HTTP that only redirects.</summary>
    public static readonly IReadOnlyList<(long ContainerPort, long HostPort, string What)> GatewayMappings =
        [(30443, 8443, "HTTPS"), (30080, 8080, "plain HTTP (redirect)")];

    /// <summary>
    /// The host ports kind/cluster.yaml maps, each with its containerPort: what the port preflight must find free before
    /// kind creates the cluster (empty when the file is missing or unreadable: <see cref="Run"/> reports that).
    /// </summary>
    public static IReadOnlyDictionary<int, string> MappedHostPorts(string manifestsDir) =>
        Mappings(manifestsDir).Where(m => m.Host is not null).GroupBy(m => (int)m.Host!.Value)
            .ToDictionary(g => g.Key, g => $"{FileName}: containerPort {g.First().Container}");

    /// <summary>The containerPorts kind/cluster.yaml maps to the host (empty when the file is missing or unreadable: <see cref="Run"/> reports that).</summary>
    public static IReadOnlySet<long> MappedContainerPorts(string manifestsDir) =>
        Mappings(manifestsDir).Select(m => m.Container).OfType<long>().ToHashSet();

    private static IReadOnlyList<(long? Container, long? Host)> Mappings(string manifestsDir)
    {
        var file = Path.Combine(manifestsDir, FileName);
        if (!File.Exists(file)) return [];
        try
        {
            var documents = YamlJson.ParseAll(File.ReadAllText(file), FileName);
            var cluster = documents.Count == 1 ? documents[0].Node as JsonObject : null;
            return (cluster?["nodes"] as JsonArray ?? []).SelectMany(n => n?["extraPortMappings"] as JsonArray ?? [])
                .Select(p => (Int(p?["containerPort"]), Int(p?["hostPort"]))).ToList();
        }
        catch (InvalidDataException) { return []; }
    }

    private static void Unknown(JsonObject obj, string path, string[] allowed, Action<string?, string> fail)
    {
        foreach (var (key, _) in obj)
            if (!allowed.Contains(key)) fail(FieldPath.Child(path, key), $"unknown field: kind's v1alpha4 config has no \"{key}\" here");
    }

    private static bool IsInt(JsonNode? node) => Int(node) is not null;
    private static long? Int(JsonNode? node) => node is JsonValue v && v.TryGetValue<long>(out var n) ? n : null;
}

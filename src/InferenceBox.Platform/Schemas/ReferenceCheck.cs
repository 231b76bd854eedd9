using System.Text.Json.Nodes;
using InferenceBox.Platform.Manifests;

namespace InferenceBox.Platform.Schemas;

/// <summary>
/// Every policy <c>targetRef</c>/<c>targetRefs</c>, every HTTPRoute <c>parentRefs</c> and every <c>backendRef(s)</c> names an
/// object that exists: in manifests/, among the objects KServe/Knative create, or among <see cref="KnownObjects.PlatformServices"/>.
/// A backend in another namespace needs a ReferenceGrant there from the referring kind and namespace.
/// </summary>
public sealed class ReferenceCheck
{
    private readonly IReadOnlyList<ManifestObject> _objects;
    private readonly HashSet<ObjectKey> _existing;

    public ReferenceCheck(IReadOnlyList<ManifestObject> objects)
    {
        _objects = objects;
        _existing = objects.Where(o => o.Name is not null)
            .Select(o => new ObjectKey(TenancyCheck.Group(o), o.Kind!, o.Namespace, o.Name!))
            .Concat(objects.SelectMany(KnownObjects.CreatedFor))
            .Concat(KnownObjects.PlatformServices)
            .ToHashSet();
    }

    public IEnumerable<ValidationError> Run()
    {
        foreach (var o in _objects)
        {
            foreach (var error in TargetRefs(o)) yield return error;
            foreach (var error in BackendRefs(o)) yield return error;
            if (o is { Kind: "HTTPRoute" } && TenancyCheck.Group(o) == "gateway.networking.k8s.io")
                foreach (var error in RouteRefs(o)) yield return error;
        }
    }

    private IEnumerable<ValidationError> TargetRefs(ManifestObject policy)
    {
        var spec = policy.Body["spec"];
        var refs = new List<(string Path, JsonNode? Ref)>();
        if (spec?["targetRef"] is JsonObject single) refs.Add((".spec.targetRef", single));
        if (spec?["targetRefs"] is JsonArray many) refs.AddRange(many.Select((r, i) => ($".spec.targetRefs[{i}]", r)));
        foreach (var (path, reference) in refs)
        {
            var key = Key(reference, policy.Namespace, defaultGroup: "", defaultKind: null);
            if (key is null)
                yield return Error(policy, path, "a target reference needs kind and name");
            else if (!_existing.Contains(key))
                yield return Error(policy, path, $"targets {key}, which is neither in manifests/ nor created by KServe/Knative/AI Gateway");
        }
    }

    private IEnumerable<ValidationError> RouteRefs(ManifestObject route)
    {
        var parents = route.Body["spec"]?["parentRefs"] as JsonArray ?? [];
        for (var i = 0; i < parents.Count; i++)
            if (Key(parents[i], route.Namespace, "gateway.networking.k8s.io", "Gateway") is { } parent && !_existing.Contains(parent))
                yield return Error(route, $".spec.parentRefs[{i}]", $"names {parent}, which is not in manifests/");
    }

    /// <summary>
    /// Every <c>backendRefs[]</c>/<c>backendRef</c> anywhere in an object (route rules, SecurityPolicy remoteJWKS,
    /// AIServiceBackend, ...). Unqualified refs mean a core Service, except in an AIGatewayRoute (an AIServiceBackend).
    /// </summary>
    private IEnumerable<ValidationError> BackendRefs(ManifestObject owner)
    {
        var (group, kind) = owner.Kind == "AIGatewayRoute" ? ("aigateway.envoyproxy.io", "AIServiceBackend") : ("", "Service");
        foreach (var (path, reference) in Find(owner.Body, ""))
        {
            if (Key(reference, owner.Namespace, group, kind) is not { } backend)
                yield return Error(owner, path, "a backend reference needs a name");
            else if (!_existing.Contains(backend))
                yield return Error(owner, path, $"backend {backend} is neither in manifests/, created by KServe/Knative/AI Gateway, nor a known platform Service");
            else if (backend.Namespace != owner.Namespace && !NeedsNoGrant(owner) && !Granted(owner, backend))
                yield return Error(owner, path, $"backend {backend} is in another namespace and no ReferenceGrant in " +
                    $"{backend.Namespace} allows {owner.Kind} objects from {owner.Namespace} to it");
        }
    }

    /// <summary>
    /// An EnvoyProxy's telemetry backends (tracing, access-log and metric sinks) need no ReferenceGrant: Envoy Gateway
    /// collects them without looking for one (envoyproxy/gateway@v1.4.2 internal/provider/kubernetes/controller.go
    /// processEnvoyProxy, unlike processBackendRef) and the translator checks only that the Service and port exist
    /// (internal/gatewayapi/listener.go processBackendRefs).
    /// </summary>
    private static bool NeedsNoGrant(ManifestObject owner) => owner is { Kind: "EnvoyProxy" } && TenancyCheck.Group(owner) == "gateway.envoyproxy.io";

    private static IEnumerable<(string Path, JsonNode? Ref)> Find(JsonNode? node, string path)
    {
        if (node is JsonObject obj)
            foreach (var (key, value) in obj)
            {
                var child = FieldPath.Child(path, key);
                if (key == "backendRefs" && value is JsonArray refs)
                    for (var i = 0; i < refs.Count; i++) yield return ($"{child}[{i}]", refs[i]);
                else if (key == "backendRef" && value is JsonObject single) yield return (child, single);
                else foreach (var found in Find(value, child)) yield return found;
            }
        else if (node is JsonArray array)
            for (var i = 0; i < array.Count; i++)
                foreach (var found in Find(array[i], $"{path}[{i}]")) yield return found;
    }

    private bool Granted(ManifestObject owner, ObjectKey backend) => _objects.Any(g =>
        g is { Kind: "ReferenceGrant" } && g.Namespace == backend.Namespace &&
        (g.Body["spec"]?["from"] as JsonArray ?? []).OfType<JsonObject>().Any(f =>
            (f["group"]?.ToString() ?? "") == TenancyCheck.Group(owner) && f["kind"]?.ToString() == owner.Kind &&
            f["namespace"]?.ToString() == owner.Namespace) &&
        (g.Body["spec"]?["to"] as JsonArray ?? []).OfType<JsonObject>().Any(t =>
            (t["group"]?.ToString() ?? "") == backend.Group && t["kind"]?.ToString() == backend.Kind &&
            (t["name"] is null || t["name"]!.ToString() == backend.Name)));

    private static ObjectKey? Key(JsonNode? reference, string? ownNamespace, string defaultGroup, string? defaultKind)
    {
        var kind = reference?["kind"]?.ToString() ?? defaultKind;
        var name = reference?["name"]?.ToString();
        if (kind is null || name is null) return null;
        return new ObjectKey(reference!["group"]?.ToString() ?? defaultGroup, kind, reference["namespace"]?.ToString() ?? ownNamespace, name);
    }

    private static ValidationError Error(ManifestObject o, string path, string message) => new(o.File, o.Describe(), path, message);
}

using System.Text.Json.Nodes;
using InferenceBox.Platform.Emulator.Discovery;
using InferenceBox.Platform.Emulator.Storage;

namespace InferenceBox.Platform.Emulator.Admission;

/// <summary>What admission sees of one write (kubernetes/apiserver@v0.32.5 pkg/admission/attributes.go).</summary>
public sealed record AdmissionRequest(string Operation, ApiResource Resource, string? Subresource, string? Namespace, string Name,
    JsonObject? Object, JsonObject? OldObject, bool DryRun)
{
    public const string Create = "CREATE", Update = "UPDATE", Delete = "DELETE";

    public bool Is(string group, string kind) => Resource.Group == group && Resource.Kind == kind && Subresource is null;
}

/// <summary>Read access to the cluster's objects for admission plugins, and the one write the quota plugin makes.</summary>
public sealed class AdmissionContext(ObjectStore store, ResourceCatalog catalog)
{
    public ObjectStore Store { get; } = store;
    public ResourceCatalog Catalog { get; } = catalog;

    /// <summary>Warnings for the response (<c>Warning: 299 - "..."</c>).</summary>
    public List<string> Warnings { get; } = new();

    /// <summary>Quota usage the request consumed, written after the object is stored (never on a dry run).</summary>
    public List<QuotaUsageUpdate> AfterCommit { get; } = new();

    /// <summary>The objects of a core/v1 kind in a namespace (LimitRange, ResourceQuota, Pod, ...).</summary>
    public IReadOnlyList<JsonObject> List(string group, string version, string kind, string? ns) =>
        Catalog.Find(new Manifests.GroupVersionKind(group, version, kind)) is { } r ? Store.List(r, ns).Items : [];

    public JsonObject? Get(string group, string version, string kind, string? ns, string name) =>
        Catalog.Find(new Manifests.GroupVersionKind(group, version, kind)) is { } r ? Store.Get(r, ns, name) : null;
}

/// <summary>
/// One admission plugin: <see cref="Admit"/> runs in the mutating phase (before schema validation),
/// <see cref="Validate"/> in the validating phase (after it), in the order kube-apiserver runs them
/// (kubernetes/kubernetes pkg/kubeapiserver/options/plugins.go, <c>AllOrderedPlugins</c>). Refusals throw
/// <see cref="Http.ApiError"/> with the plugin's own text.
/// </summary>
public interface IAdmissionPlugin
{
    string Name { get; }

    /// <summary>A mutating admission webhook's effect (not an in-tree plugin): a change it makes reinvokes the in-tree ones.</summary>
    bool IsMutatingWebhook => false;

    void Admit(AdmissionRequest request, AdmissionContext context) { }

    void Validate(AdmissionRequest request, AdmissionContext context) { }
}

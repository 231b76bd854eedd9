using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using InferenceBox.Platform.Provisioning.Ports;
using InferenceBox.Platform.Waiting;
using k8s;
using k8s.Autorest;
using Polly;

namespace InferenceBox.Platform.Cluster;

/// <summary>
/// The suite's one Kubernetes adapter, for the provisioner and the scenario drivers alike (KubernetesClient over
/// HTTP). Every kind — core or custom — is applied, read, listed, watched and deleted the same way: discovery gives
/// its plural and scope, and KubernetesClient's generic (custom objects) API addresses it; for the core group it
/// rewrites "apis//v1" to "api/v1" (kubernetes-client/csharp src/LibKubernetesGenerator/templates/Operations.cs.template).
/// Waits are one list-then-watch loop (<see cref="UntilAsync"/>) on an injected clock and named budgets.
/// </summary>
public sealed partial class ClusterApi : IClusterPort
{
    public const string FieldManager = "inferencebox-specs";
    private readonly ConcurrentDictionary<(string ApiVersion, string Kind), ServedResource> _served = new();
    private readonly ResiliencePipeline _retry;

    public ClusterApi(IKubernetes client, WaitBudgets budgets, TimeProvider? clock = null, string fieldManager = FieldManager)
    {
        Client = client;
        Manager = fieldManager;
        Budgets = budgets;
        Clock = clock ?? TimeProvider.System;
        _retry = TransientFaults.Retry(Clock);
    }

    public IKubernetes Client { get; }
    public WaitBudgets Budgets { get; }
    public TimeProvider Clock { get; }

    /// <summary>The field manager of server-side applies (a stand-in tool applies under its own, as the real one does).</summary>
    public string Manager { get; }

    /// <summary>
    /// Where the kind is served, from discovery (<c>GET /api/v1</c> or <c>/apis/&lt;group&gt;/&lt;version&gt;</c>). Only
    /// answers found are remembered, so a kind whose CRD is established later is found then.
    /// </summary>
    public async Task<ServedResource> ResolveAsync(string apiVersion, string kind, CancellationToken ct)
    {
        if (_served.TryGetValue((apiVersion, kind), out var known)) return known;
        var slash = apiVersion.LastIndexOf('/');
        var (group, version) = slash < 0 ? ("", apiVersion) : (apiVersion[..slash], apiVersion[(slash + 1)..]);
        k8s.Models.V1APIResourceList list;
        try
        {
            list = await CallAsync(t => Client.CustomObjects.GetAPIResourcesAsync(group, version, t), ct);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            throw new KindNotServedException(kind, apiVersion); // the group/version itself is not served
        }
        foreach (var r in list.Resources.Where(r => !r.Name.Contains('/')))
            _served[(apiVersion, r.Kind)] = new ServedResource(group, version, r.Kind, r.Name, r.Namespaced);
        return _served.TryGetValue((apiVersion, kind), out var found) ? found : throw new KindNotServedException(kind, apiVersion);
    }

    /// <summary>The object as the server has it now; null when it (or its kind) does not exist.</summary>
    public async Task<JsonObject?> GetAsync(ObjectRef target, CancellationToken ct)
    {
        try
        {
            var r = await ResolveAsync(target.ApiVersion, target.Kind, ct);
            return ToObject(await CallAsync(t => r.Namespaced
                ? Client.CustomObjects.GetNamespacedCustomObjectAsync(r.Group, r.Version, target.Namespace ?? "default", r.Plural, target.Name, t)
                : Client.CustomObjects.GetClusterCustomObjectAsync(r.Group, r.Version, r.Plural, target.Name, t), ct));
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound) { return null; }
        catch (KindNotServedException) { return null; }
    }

    /// <summary>The objects of a kind (in one namespace, or all), filtered by selectors, and the list's resourceVersion.</summary>
    public async Task<(IReadOnlyList<JsonObject> Items, string ResourceVersion)> ListAsync(ServedResource r, string? ns,
        string? labelSelector, string? fieldSelector, CancellationToken ct)
    {
        var list = ToObject(await CallAsync(t => r.Namespaced && ns is not null
            ? Client.CustomObjects.ListNamespacedCustomObjectAsync(r.Group, r.Version, ns, r.Plural,
                fieldSelector: fieldSelector, labelSelector: labelSelector, cancellationToken: t)
            : Client.CustomObjects.ListClusterCustomObjectAsync(r.Group, r.Version, r.Plural,
                fieldSelector: fieldSelector, labelSelector: labelSelector, cancellationToken: t), ct))!;
        var items = (list["items"] as JsonArray ?? []).OfType<JsonObject>().Select(i => (JsonObject)i.DeepClone()).ToList();
        // List items carry no apiVersion/kind (the list does); put them back so rules per kind can read them.
        foreach (var item in items) { item["apiVersion"] ??= r.ApiVersion; item["kind"] ??= r.Kind; }
        return (items, (string?)list["metadata"]?["resourceVersion"] ?? "");
    }

    /// <summary>Deletes the object; false when it was already gone (or its kind is not served).</summary>
    public async Task<bool> DeleteAsync(ObjectRef target, string? propagationPolicy, CancellationToken ct)
    {
        try
        {
            var r = await ResolveAsync(target.ApiVersion, target.Kind, ct);
            var options = new k8s.Models.V1DeleteOptions { PropagationPolicy = propagationPolicy };
            await CallAsync(t => r.Namespaced
                ? Client.CustomObjects.DeleteNamespacedCustomObjectAsync(r.Group, r.Version, target.Namespace ?? "default", r.Plural, target.Name, options, cancellationToken: t)
                : Client.CustomObjects.DeleteClusterCustomObjectAsync(r.Group, r.Version, r.Plural, target.Name, options, cancellationToken: t), ct);
            return true;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound) { return false; }
        catch (KindNotServedException) { return false; }
    }

    /// <summary>A JSON merge patch (RFC 7386) of the object; returns what the server stored.</summary>
    public async Task<JsonObject> MergePatchAsync(ObjectRef target, JsonObject patch, CancellationToken ct)
    {
        var r = await ResolveAsync(target.ApiVersion, target.Kind, ct);
        var body = new k8s.Models.V1Patch(patch.ToJsonString(), k8s.Models.V1Patch.PatchType.MergePatch);
        return ToObject(await CallAsync(t => r.Namespaced
            ? Client.CustomObjects.PatchNamespacedCustomObjectAsync(body, r.Group, r.Version, target.Namespace ?? "default", r.Plural, target.Name, cancellationToken: t)
            : Client.CustomObjects.PatchClusterCustomObjectAsync(body, r.Group, r.Version, r.Plural, target.Name, cancellationToken: t), ct))!;
    }

    /// <summary>One API call, retried on transient transport faults only.</summary>
    private Task<T> CallAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken ct) =>
        _retry.ExecuteAsync(async t => await call(t), ct).AsTask();

    internal static JsonObject? ToObject(object? value) => value switch
    {
        null => null,
        JsonElement element => JsonNode.Parse(element.GetRawText()) as JsonObject,
        _ => JsonNode.Parse(KubernetesJson.Serialize(value)) as JsonObject,
    };
}

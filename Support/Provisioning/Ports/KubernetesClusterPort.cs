using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;
using InferenceBox.Specs.Support.Manifests;

namespace InferenceBox.Specs.Support.Provisioning.Ports;

/// <summary>
/// The KubernetesClient adapter of <see cref="IClusterPort"/>. Thin on purpose: it can later delegate to the
/// general cluster driver (Support/Cluster). Readiness probes and watches are in the other part of this class.
/// </summary>
public sealed partial class KubernetesClusterPort(IKubernetes client) : IClusterPort
{
    public const string FieldManager = "inferencebox-specs";
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (string Plural, bool Namespaced)> _resources = new();

    public async Task ApplyAsync(IReadOnlyList<ManifestObject> objects, CancellationToken ct)
    {
        foreach (var o in objects)
        {
            var patch = new V1Patch(JsonDocument.Parse(o.Json).RootElement, V1Patch.PatchType.ApplyPatch);
            var (group, version) = SplitApiVersion(o.ApiVersion!);
            var (plural, namespaced) = await ResourceAsync(group, version, o.Kind!, ct);
            var ns = namespaced ? o.Namespace ?? "default" : null;
            try
            {
                await (group.Length == 0 ? ApplyCoreAsync(patch, o.Kind!, o.Name!, ns, ct)
                    : ns is null ? client.CustomObjects.PatchClusterCustomObjectAsync(patch, group, version, plural, o.Name!, fieldManager: FieldManager, force: true, cancellationToken: ct)
                    : client.CustomObjects.PatchNamespacedCustomObjectAsync(patch, group, version, ns, plural, o.Name!, fieldManager: FieldManager, force: true, cancellationToken: ct));
            }
            catch (HttpOperationException e)
            {
                throw new InvalidOperationException($"Applying {o.Identity} from {o.Where} failed: {e.Response.StatusCode} {e.Response.Content}", e);
            }
        }
    }

    public async Task<bool> ExistsAsync(ManifestObject o, CancellationToken ct)
    {
        var (group, version) = SplitApiVersion(o.ApiVersion!);
        try
        {
            var (plural, namespaced) = await ResourceAsync(group, version, o.Kind!, ct);
            var ns = namespaced ? o.Namespace ?? "default" : null;
            if (group.Length == 0) return await ExistsCoreAsync(o.Kind!, o.Name!, ns, ct);
            _ = ns is null
                ? await client.CustomObjects.GetClusterCustomObjectAsync(group, version, plural, o.Name!, ct)
                : await client.CustomObjects.GetNamespacedCustomObjectAsync(group, version, ns, plural, o.Name!, ct);
            return true;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound) { return false; }
        catch (InvalidOperationException) { return false; } // the kind itself is not served yet
    }

    public async Task<string?> ReadSecretValueAsync(string ns, string name, string key, CancellationToken ct)
    {
        try
        {
            var secret = await client.CoreV1.ReadNamespacedSecretAsync(name, ns, cancellationToken: ct);
            return secret.Data?.TryGetValue(key, out var bytes) == true ? System.Text.Encoding.UTF8.GetString(bytes) : null;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound) { return null; }
    }

    public async Task<string?> ReadConfigMapValueAsync(string ns, string name, string key, CancellationToken ct)
    {
        try
        {
            var map = await client.CoreV1.ReadNamespacedConfigMapAsync(name, ns, cancellationToken: ct);
            return map.Data?.TryGetValue(key, out var value) == true ? value : null;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound) { return null; }
    }

    public async Task<string?> ReadPodTemplateAnnotationAsync(string ns, string deployment, string key, CancellationToken ct)
    {
        try
        {
            var d = await client.AppsV1.ReadNamespacedDeploymentAsync(deployment, ns, cancellationToken: ct);
            return d.Spec.Template.Metadata?.Annotations?.TryGetValue(key, out var value) == true ? value : null;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound) { return null; }
    }

    public Task SetPodTemplateAnnotationAsync(string ns, string deployment, string key, string value, CancellationToken ct)
    {
        var body = new { spec = new { template = new { metadata = new { annotations = new Dictionary<string, string> { [key] = value } } } } };
        return client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(body, V1Patch.PatchType.MergePatch), deployment, ns, cancellationToken: ct);
    }

    public async Task<IReadOnlyList<LabelledObject>> ListLabelledAsync(string label, CancellationToken ct)
    {
        var found = new List<LabelledObject>();
        var namespaces = await client.CoreV1.ListNamespaceAsync(labelSelector: label, cancellationToken: ct);
        found.AddRange(namespaces.Items.Select(n => new LabelledObject("Namespace", null, n.Name(), n.GetLabel(label))));
        var pods = await client.CoreV1.ListPodForAllNamespacesAsync(labelSelector: label, cancellationToken: ct);
        found.AddRange(pods.Items.Select(p => new LabelledObject("Pod", p.Namespace(), p.Name(), p.GetLabel(label))));
        // Client pods get their token through a scenario Secret: a crashed run leaves it behind too.
        var secrets = await client.CoreV1.ListSecretForAllNamespacesAsync(labelSelector: label, cancellationToken: ct);
        found.AddRange(secrets.Items.Select(s => new LabelledObject("Secret", s.Namespace(), s.Name(), s.GetLabel(label))));
        try
        {
            var isvcs = (JsonElement)await client.CustomObjects.ListClusterCustomObjectAsync(
                "serving.kserve.io", "v1beta1", "inferenceservices", labelSelector: label, cancellationToken: ct);
            foreach (var item in isvcs.GetProperty("items").EnumerateArray())
            {
                var meta = item.GetProperty("metadata");
                found.Add(new LabelledObject("InferenceService", meta.GetProperty("namespace").GetString(),
                    meta.GetProperty("name").GetString()!, meta.GetProperty("labels").GetProperty(label).GetString() ?? ""));
            }
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound) { } // KServe not installed
        return found;
    }

    public Task DeleteAsync(LabelledObject target, CancellationToken ct) => target.Kind switch
    {
        "Namespace" => client.CoreV1.DeleteNamespaceAsync(target.Name, cancellationToken: ct),
        "Pod" => client.CoreV1.DeleteNamespacedPodAsync(target.Name, target.Namespace, cancellationToken: ct),
        "Secret" => client.CoreV1.DeleteNamespacedSecretAsync(target.Name, target.Namespace, cancellationToken: ct),
        "InferenceService" => client.CustomObjects.DeleteNamespacedCustomObjectAsync(
            "serving.kserve.io", "v1beta1", target.Namespace, "inferenceservices", target.Name, cancellationToken: ct),
        _ => throw new ArgumentException($"Cannot delete kind {target.Kind}."),
    };

    private static (string Group, string Version) SplitApiVersion(string apiVersion) =>
        apiVersion.Split('/') is [var g, var v] ? (g, v) : ("", apiVersion);

    private async Task<(string Plural, bool Namespaced)> ResourceAsync(string group, string version, string kind, CancellationToken ct)
    {
        var key = $"{group}/{version}/{kind}";
        if (_resources.TryGetValue(key, out var known)) return known;
        var list = group.Length == 0
            ? await client.CoreV1.GetAPIResourcesAsync(ct)
            : await client.CustomObjects.GetAPIResourcesAsync(group, version, ct);
        var resource = list.Resources.FirstOrDefault(r => r.Kind == kind && !r.Name.Contains('/'))
            ?? throw new InvalidOperationException($"The cluster does not serve kind {kind} in {group}/{version} (CRD missing?).");
        return _resources[key] = (resource.Name, resource.Namespaced);
    }
}

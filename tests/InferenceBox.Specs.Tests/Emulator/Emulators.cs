using System.Text;
using System.Text.Json.Nodes;
using InferenceBox.Platform.Emulator;
using InferenceBox.Specs.Tests.Schemas;
using k8s;
using k8s.Models;

namespace InferenceBox.Specs.Tests.Emulator;

/// <summary>Starting an emulator on the pinned schemas, and the few calls the tests make over raw HTTP.</summary>
public static class Emulators
{
    /// <summary>The images the repository's manifests/versions.yaml pins for the emulator's pods.</summary>
    public static EmulatorImages RepositoryImages => EmulatorImages.From(TestPaths.RepositoryLock);

    public static Task<ApiServerEmulator> StartAsync(Func<EmulatorOptions, EmulatorOptions>? configure = null)
    {
        var options = new EmulatorOptions { Schemas = TestPaths.PinnedStore, Images = RepositoryImages, BookmarkFrequency = null };
        return ApiServerEmulator.StartAsync(configure?.Invoke(options) ?? options, TestContext.Current.CancellationToken);
    }

    /// <summary>An emulator with Namespace tenant-a (labelled <paramref name="namespaceLabels"/>) and <paramref name="limitRange"/> (a LimitRange in it) applied.</summary>
    public static async Task<ApiServerEmulator> TenantAsync(string limitRange, string namespaceLabels = "{}")
    {
        var api = await StartAsync();
        var client = api.CreateClient();
        await client.ApplyAsync(api, $"apiVersion: v1\nkind: Namespace\nmetadata: {{name: tenant-a, labels: {namespaceLabels}}}");
        await client.ApplyAsync(api, limitRange);
        return api;
    }

    /// <summary>Server-side apply of a YAML/JSON object through KubernetesClient's generic API, as the adapter does.</summary>
    public static async Task<JsonObject> ApplyAsync(this IKubernetes client, ApiServerEmulator api, string yaml, bool force = true, string manager = "test")
    {
        var obj = (JsonObject)InferenceBox.Platform.Manifests.YamlJson.ParseAll(yaml, "test").Single().Node!;
        var gvk = InferenceBox.Platform.Manifests.GroupVersionKind.FromApiVersion(obj["apiVersion"]!.ToString(), obj["kind"]!.ToString());
        var resource = api.Operations.Catalog.Find(gvk) ?? throw new InvalidOperationException($"not served: {gvk}");
        var ns = obj["metadata"]?["namespace"]?.ToString();
        var patch = new V1Patch(obj.ToJsonString(), V1Patch.PatchType.ApplyPatch);
        var name = obj["metadata"]!["name"]!.ToString();
        var ct = TestContext.Current.CancellationToken;
        var result = ns is null
            ? await client.CustomObjects.PatchClusterCustomObjectAsync(patch, gvk.Group, gvk.Version, resource.Plural, name, fieldManager: manager, force: force, cancellationToken: ct)
            : await client.CustomObjects.PatchNamespacedCustomObjectAsync(patch, gvk.Group, gvk.Version, ns, resource.Plural, name, fieldManager: manager, force: force, cancellationToken: ct);
        return JsonNode.Parse(((System.Text.Json.JsonElement)result).GetRawText())!.AsObject();
    }

    public static async Task<(int Status, string Body, string? ContentType)> RawAsync(this ApiServerEmulator api, HttpMethod method, string path,
        string? body = null, string contentType = "application/json")
    {
        using var http = new HttpClient { BaseAddress = api.Url };
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, contentType);
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), response.Content.Headers.ContentType?.ToString());
    }
}

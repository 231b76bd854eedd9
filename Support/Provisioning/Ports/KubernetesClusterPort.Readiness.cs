using System.Text.Json;
using InferenceBox.Specs.Support.Waiting;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace InferenceBox.Specs.Support.Provisioning.Ports;

// Readiness: a probe reads the object once; a wait re-probes on every watch event of that object, so it
// reacts when the state changes instead of polling on a timer.
public sealed partial class KubernetesClusterPort
{
    public async Task<ReadinessState> ProbeAsync(Readiness readiness, CancellationToken ct)
    {
        try
        {
            return readiness switch
            {
                DeploymentAvailable d => Deployment(await client.AppsV1.ReadNamespacedDeploymentAsync(d.Name, d.Namespace, cancellationToken: ct)),
                CrdEstablished c => Crd(await client.ApiextensionsV1.ReadCustomResourceDefinitionAsync(c.Name, cancellationToken: ct)),
                WebhookEndpointsReady w => Endpoints(await client.DiscoveryV1.ListNamespacedEndpointSliceAsync(
                    w.Namespace, labelSelector: $"kubernetes.io/service-name={w.Name}", cancellationToken: ct)),
                InferenceServiceReady i => Isvc((JsonElement)await client.CustomObjects.GetNamespacedCustomObjectAsync(
                    "serving.kserve.io", "v1beta1", i.Namespace, "inferenceservices", i.Name, ct)),
                _ => throw new NotSupportedException(readiness.GetType().Name),
            };
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return new ReadinessState(false, "not found");
        }
    }

    public async Task WaitAsync(Readiness readiness, string budgetName, TimeSpan budget, CancellationToken ct)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(ct);
        bounded.CancelAfter(budget);
        var last = new ReadinessState(false, "not read yet");
        try
        {
            while (!(last = await ProbeAsync(readiness, bounded.Token)).Ready)
                await NextChangeAsync(readiness, last.ResourceVersion, bounded.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new WaitTimeoutException(readiness.Describe, budgetName, budget, last.Detail, await RecentEventsAsync(readiness));
        }
    }

    /// <summary>Returns at the next watch event of the object (or when the server closes the watch).</summary>
    private async Task NextChangeAsync(Readiness readiness, string? resourceVersion, CancellationToken ct)
    {
        var byName = $"metadata.name={readiness.Name}";
        var events = readiness switch
        {
            DeploymentAvailable d => client.CustomObjects.WatchListNamespacedCustomObjectAsync("apps", "v1", d.Namespace, "deployments", fieldSelector: byName, resourceVersion: resourceVersion, cancellationToken: ct),
            CrdEstablished => client.CustomObjects.WatchListClusterCustomObjectAsync("apiextensions.k8s.io", "v1", "customresourcedefinitions", fieldSelector: byName, resourceVersion: resourceVersion, cancellationToken: ct),
            WebhookEndpointsReady w => client.CustomObjects.WatchListNamespacedCustomObjectAsync("discovery.k8s.io", "v1", w.Namespace, "endpointslices", labelSelector: $"kubernetes.io/service-name={w.Name}", resourceVersion: resourceVersion, cancellationToken: ct),
            InferenceServiceReady i => client.CustomObjects.WatchListNamespacedCustomObjectAsync("serving.kserve.io", "v1beta1", i.Namespace, "inferenceservices", fieldSelector: byName, resourceVersion: resourceVersion, cancellationToken: ct),
            _ => throw new NotSupportedException(readiness.GetType().Name),
        };
        try
        {
            await foreach (var _ in events.WithCancellation(ct)) return;
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.Gone) { }
        catch (KubernetesException) { } // e.g. "too old resource version": the caller re-probes and watches afresh

    }

    private async Task<string?> RecentEventsAsync(Readiness readiness)
    {
        if (readiness.Namespace.Length == 0) return null;
        using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            var events = await client.CoreV1.ListNamespacedEventAsync(readiness.Namespace, cancellationToken: quick.Token);
            return string.Join(Environment.NewLine, events.Items
                .Where(e => e.InvolvedObject.Name?.StartsWith(readiness.Name, StringComparison.Ordinal) == true)
                .OrderByDescending(e => e.LastTimestamp ?? e.EventTime).Take(10)
                .Select(e => $"  {e.Type} {e.Reason} {e.InvolvedObject.Kind}/{e.InvolvedObject.Name}: {e.Message}"));
        }
        catch (Exception e) when (e is HttpOperationException or OperationCanceledException or HttpRequestException)
        {
            return $"  (events unavailable: {e.Message})";
        }
    }

    private static ReadinessState Deployment(V1Deployment d)
    {
        var available = d.Status?.Conditions?.FirstOrDefault(c => c.Type == "Available");
        var current = d.Status?.ObservedGeneration >= d.Metadata.Generation;
        var images = d.Spec.Template.Spec.Containers.Select(c => c.Image).ToList();
        var labels = d.Metadata.Labels ?? new Dictionary<string, string>();
        // Versions show in image tags, app.kubernetes.io/version, or chart labels ("helm.sh/chart", kube-prometheus-stack's "chart").
        var version = string.Join(" ", images.Concat(labels.Values));
        return new ReadinessState(available?.Status == "True" && current,
            $"Available={available?.Status ?? "unknown"} ({available?.Message}), ready {d.Status?.ReadyReplicas ?? 0}/{d.Spec.Replicas ?? 1}, observedGeneration current={current}", version, d.ResourceVersion());
    }

    private static ReadinessState Crd(V1CustomResourceDefinition c)
    {
        var established = c.Status?.Conditions?.FirstOrDefault(x => x.Type == "Established");
        return new ReadinessState(established?.Status == "True", $"Established={established?.Status ?? "unknown"}", c.Spec.Versions.FirstOrDefault(v => v.Storage)?.Name, c.ResourceVersion());
    }

    private static ReadinessState Endpoints(V1EndpointSliceList slices)
    {
        var ready = slices.Items.SelectMany(s => s.Endpoints ?? []).Count(e => e.Conditions?.Ready == true);
        return new ReadinessState(ready > 0, $"{ready} ready endpoints in {slices.Items.Count} EndpointSlices", null, slices.Metadata?.ResourceVersion);
    }

    private static ReadinessState Isvc(JsonElement isvc)
    {
        var generation = isvc.GetProperty("metadata").TryGetProperty("generation", out var g) ? g.GetInt64() : 0;
        if (!isvc.TryGetProperty("status", out var status)) return new ReadinessState(false, "no status yet");
        var observed = status.TryGetProperty("observedGeneration", out var o) ? o.GetInt64() : -1;
        var ready = status.TryGetProperty("conditions", out var conditions)
            ? conditions.EnumerateArray().FirstOrDefault(c => c.GetProperty("type").GetString() == "Ready")
            : default;
        var isReady = ready.ValueKind == JsonValueKind.Object && ready.GetProperty("status").GetString() == "True";
        var message = ready.ValueKind == JsonValueKind.Object && ready.TryGetProperty("message", out var m) ? m.GetString() : null;
        return new ReadinessState(isReady && observed == generation,
            $"Ready={(ready.ValueKind == JsonValueKind.Object ? ready.GetProperty("status").GetString() : "unknown")} {message}, observedGeneration {observed}/{generation}", null,
            isvc.GetProperty("metadata").GetProperty("resourceVersion").GetString());
    }
}

using System.Text.Json.Nodes;
using InferenceBox.Platform.Waiting;
using k8s;
using InferenceBox.Platform.Cluster;

namespace InferenceBox.Specs.Support.Cluster;

public sealed partial class ClusterDriver
{
    /// <summary>
    /// Runs a short-lived pod in the call's namespace that makes exactly one HTTP call, and reads what it saw.
    /// A bearer token travels in a scenario-owned Secret (never in the pod spec, which diagnostics may print).
    /// </summary>
    public async Task<InMeshResult> RunClientPodAsync(InMeshCall call, string? bearerToken = null, CancellationToken ct = default)
    {
        var name = resources.UniqueName("curl");
        string? secret = null;
        if (bearerToken is not null)
        {
            secret = name + "-token";
            await ApplyOwnedAsync(new JsonObject
            {
                ["apiVersion"] = "v1", ["kind"] = "Secret", ["type"] = "Opaque",
                ["metadata"] = new JsonObject { ["name"] = secret, ["namespace"] = call.Namespace },
                ["stringData"] = new JsonObject { ["token"] = bearerToken },
            }, ct);
        }
        var budget = run.Budgets.ClientPodFinished;
        var pod = ClientPods.Build(call, name, secret, resources.Labels, budget);
        timeline.Record("cluster", $"client pod {call.Namespace}/{name} (sidecar: {call.WithSidecar}) {call.Method} {call.Url}" +
                                    (call.Headers is { Count: > 0 } h ? $" headers [{string.Join(", ", h.Keys)}]" : "") +
                                    (bearerToken is null ? " without token" : call.TokenInQuery ? " with a bearer token in the access_token query parameter" : " with a bearer token"));
        var podRef = await ApplyOwnedAsync((JsonObject)JsonNode.Parse(KubernetesJson.Serialize(pod))!, ct);
        var finished = await WaitAsync(podRef, $"container {ClientPods.Container} to finish its call", WaitBudgets.Names.ClientPodFinished,
            p => ObjectState.ContainerTerminated(p, ClientPods.Container), ct);
        // Logs are a subresource stream, not an object: KubernetesClient's typed call is the way to them.
        await using var stream = await api.Client.CoreV1.ReadNamespacedPodLogAsync(name, call.Namespace, container: ClientPods.Container, cancellationToken: ct);
        var logs = await new StreamReader(stream).ReadToEndAsync(ct);
        InMeshResult result;
        try { result = ClientPods.Parse(name, logs); }
        catch (InvalidDataException e)
        {
            // E.g. the pod hit its deadline or was evicted before curl ran: say what the pod went through.
            var events = string.Join(Environment.NewLine, await EventsAsync(podRef, 10, ct));
            throw new InvalidDataException($"{e.Message}{Environment.NewLine}Pod state: {ObjectState.ContainerTerminated(finished, ClientPods.Container).State}" +
                                           $"{Environment.NewLine}Events:{Environment.NewLine}{events}", e);
        }
        timeline.Record("cluster", $"client pod {name}: curl exit {result.CurlExitCode}, HTTP {result.HttpStatus?.ToString() ?? "none"}");
        return result;
    }

    /// <summary>The predictor's cluster-local address (Knative routes it through the mesh's local gateway).</summary>
    public static Uri PredictorUrl(string tenant, string model, string kservePath) =>
        new($"http://{model}-predictor.{tenant}.svc.cluster.local/{kservePath.TrimStart('/')}");

    /// <summary>
    /// The address of the ready revision's own pods (Knative's "&lt;revision&gt;-private" Service), which bypasses every
    /// gateway: the predictor's sidecar is the first thing a caller meets.
    /// </summary>
    public async Task<Uri> PrivatePredictorUrlAsync(string tenant, string model, string kservePath, CancellationToken ct = default)
    {
        var isvc = ObjectRef.InferenceService(tenant, model);
        timeline.Involve(isvc);
        var current = await ReadAsync(isvc, ct) ?? throw new InvalidOperationException($"{isvc} does not exist; is the platform provisioned?");
        var revision = (string?)current["status"]?["components"]?["predictor"]?["latestReadyRevision"]
                       ?? throw new InvalidOperationException($"{isvc} has no ready revision yet ({ReadinessRules.Summary(current)}).");
        return new($"http://{revision}-private.{tenant}.svc.cluster.local/{kservePath.TrimStart('/')}");
    }
}

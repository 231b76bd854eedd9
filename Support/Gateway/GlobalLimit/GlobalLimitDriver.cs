using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using InferenceBox.Specs.Support.Cluster;
using InferenceBox.Specs.Support.Diagnostics;
using InferenceBox.Platform.Run;
using InferenceBox.Platform.Waiting;
using InferenceBox.Platform.Cluster;
using InferenceBox.Platform.Gateway;

namespace InferenceBox.Specs.Support.Gateway.GlobalLimit;

/// <summary>
/// What @global-rate-limit changes and measures: the model gateway's proxy replicas, Redis up or down, a burst over
/// several connections (kube-proxy spreads connections, not requests, over the replicas: externalTrafficPolicy Cluster,
/// manifests/gateway/gateway.yaml), and which replica answered each request (its pod's access log). Every change is
/// undone by <see cref="RestoreAsync"/>, which the scenario's After hook calls, and waited on.
/// </summary>
public sealed class GlobalLimitDriver(ClusterApi api, ClusterDriver cluster, TenantTraffic traffic, RunContext run, ScenarioTimeline timeline)
{
    public const string ProxyConfig = "inferencebox-proxy", Redis = "redis";
    private static readonly ObjectRef EnvoyProxy = new("gateway.envoyproxy.io/v1alpha1", "EnvoyProxy", ModelGateway.Namespace, ProxyConfig);
    private static readonly ObjectRef RedisDeployment = ObjectRef.Deployment(ModelGateway.Namespace, Redis);
    private int? _originalReplicas;
    private bool _redisStopped;

    /// <summary>
    /// Sets the proxy's replicas where Envoy Gateway reads them, EnvoyProxy spec.provider.kubernetes.envoyDeployment.replicas
    /// (envoyproxy/gateway@v1.4.2 api/v1alpha1/shared_types.go KubernetesDeploymentSpec.Replicas, "Defaults to 1";
    /// internal/infrastructure/kubernetes/proxy/resource_provider.go copies it into the Deployment's spec, which
    /// infra_resource.go createOrUpdateDeployment server-side applies on every reconcile: a `kubectl scale` of the
    /// Deployment itself would last only until the next one),
    /// then waits until that many proxy pods are Ready and none is terminating.
    /// </summary>
    public async Task ScaleProxyAsync(int replicas, CancellationToken ct = default)
    {
        _originalReplicas ??= (int?)(await api.GetAsync(EnvoyProxy, ct))?["spec"]?["provider"]?["kubernetes"]?["envoyDeployment"]?["replicas"] ?? 1;
        await SetProxyReplicasAsync(replicas, ct);
    }

    /// <summary>Redis down: its Deployment at 0 replicas, waited until no Redis pod is left.</summary>
    public async Task StopRedisAsync(CancellationToken ct = default)
    {
        _redisStopped = true;
        await api.MergePatchAsync(RedisDeployment, new JsonObject { ["spec"] = new JsonObject { ["replicas"] = 0 } }, ct);
        await PodsAsync($"app.kubernetes.io/name={Redis}", 0, "no Redis pod", ct);
    }

    /// <summary>Puts back what the scenario changed (proxy replicas, Redis) and waits until it is so.</summary>
    public async Task RestoreAsync(CancellationToken ct = default)
    {
        if (_redisStopped)
        {
            await api.MergePatchAsync(RedisDeployment, new JsonObject { ["spec"] = new JsonObject { ["replicas"] = 1 } }, ct);
            await PodsAsync($"app.kubernetes.io/name={Redis}", 1, "one Ready Redis pod", ct);
            _redisStopped = false;
        }
        if (_originalReplicas is { } original) await SetProxyReplicasAsync(original, ct);
        _originalReplicas = null;
    }

    /// <summary>
    /// <paramref name="total"/> probes, alternating over <paramref name="tenants"/> (each to its own model), with
    /// <paramref name="connections"/> in flight at once, so requests travel over that many connections.
    /// </summary>
    public async Task<IReadOnlyList<(GatewayExchange Exchange, string Tenant)>> BurstAsync(IReadOnlyList<string> tenants, string model,
        int total, int connections, CancellationToken ct = default)
    {
        foreach (var tenant in tenants) await traffic.HoldValidTokenAsync(tenant, ct);
        var answers = new ConcurrentBag<(GatewayExchange, string)>();
        timeline.Record("global-limit", $"burst of {total} over {connections} connections to {string.Join(", ", tenants)}");
        await Parallel.ForEachAsync(Enumerable.Range(0, total), new ParallelOptions { MaxDegreeOfParallelism = connections, CancellationToken = ct },
            async (i, token) =>
            {
                var tenant = tenants[i % tenants.Count];
                answers.Add((await traffic.SendProbeAsync(tenant, tenant, model, ct: token), tenant));
            });
        return [.. answers];
    }

    /// <summary>Each answer with the proxy pod that logged it, awaited within the "gateway-access-log" budget.</summary>
    public Task<IReadOnlyList<BurstAnswer>> AttributeAsync(IReadOnlyList<(GatewayExchange Exchange, string Tenant)> burst, CancellationToken ct = default)
    {
        var since = burst.Min(b => b.Exchange.SentAt ?? DateTimeOffset.UtcNow).AddMinutes(-1);
        return Poll.UntilAsync(run.Budgets, WaitBudgets.Names.GatewayAccessLog, $"the access log lines of {burst.Count} burst requests",
            TimeSpan.FromSeconds(3), async token =>
            {
                var logs = await cluster.PodLogsAsync(ModelGateway.Namespace, ModelGateway.ProxySelector(), since, token);
                var pods = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                foreach (var (container, log) in logs.Where(l => l.Key.EndsWith("/" + ModelGateway.ProxyContainer, StringComparison.Ordinal)))
                    foreach (var entry in GatewayAccessLog.Parse(log)) pods[entry.RequestId] = container.Split('/')[1];
                var missing = burst.Count(b => b.Exchange.RequestId is not { } id || !pods.ContainsKey(id));
                if (missing > 0) return WaitVerdict<IReadOnlyList<BurstAnswer>>.NotYet($"{missing} of {burst.Count} not logged yet by {logs.Count} containers");
                return WaitVerdict<IReadOnlyList<BurstAnswer>>.Reached(burst.Select(b => new BurstAnswer(b.Exchange, b.Tenant, pods[b.Exchange.RequestId!])).ToList());
            }, ct);
    }

    private async Task SetProxyReplicasAsync(int replicas, CancellationToken ct)
    {
        timeline.Record("global-limit", $"EnvoyProxy {ProxyConfig}: envoyDeployment.replicas {replicas}");
        await api.MergePatchAsync(EnvoyProxy, new JsonObject
        {
            ["spec"] = new JsonObject { ["provider"] = new JsonObject { ["kubernetes"] = new JsonObject { ["envoyDeployment"] = new JsonObject { ["replicas"] = replicas } } } },
        }, ct);
        await PodsAsync(ModelGateway.ProxySelector(), replicas, $"{replicas} Ready proxy pods of {ModelGateway.Name}", ct);
    }

    private async Task PodsAsync(string selector, int ready, string what, CancellationToken ct)
    {
        var pods = await api.ResolveAsync("v1", "Pod", ct);
        await api.UntilAsync(new WatchTarget(pods, ModelGateway.Namespace, null, selector), items =>
        {
            var live = items.Where(p => p["metadata"]?["deletionTimestamp"] is null).ToList();
            var readyNow = live.Count(p => (p["status"]?["conditions"] as JsonArray ?? [])
                .Any(c => (string?)c?["type"] == "Ready" && (string?)c?["status"] == "True"));
            return new WaitVerdict(items.Count == ready && readyNow == ready, $"{readyNow} Ready of {live.Count} live, {items.Count - live.Count} terminating");
        }, what, WaitBudgets.Names.ProxyReplicas, null, ct);
    }
}

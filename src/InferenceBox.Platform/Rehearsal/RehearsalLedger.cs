using System.Collections.Concurrent;
using InferenceBox.Platform.Cluster;
using InferenceBox.Platform.Emulator;
using InferenceBox.Platform.Manifests;
using InferenceBox.Platform.Provisioning.Ports;

namespace InferenceBox.Platform.Rehearsal;

/// <summary>One refusal, as the rehearsal reports it: the object, where it was written, the server's answer, and the layer that gave it.</summary>
public sealed record RehearsalRefusal(string Object, string Source, string Answer, string Layer)
{
    public override string ToString() => $"{Object} ({Source}): {Answer} [refused by {Layer}]";
}

/// <summary>A refusal the rehearsal has pinned to an object; its message is the refusal in full.</summary>
public sealed class RehearsalRefusalException(RehearsalRefusal refusal, Exception? inner = null) : Exception(refusal.ToString(), inner)
{
    public RehearsalRefusal Refusal { get; } = refusal;
}

/// <summary>
/// What the rehearsal applied (each object with its source: file and line under manifests/, or the stand-in tool that
/// made it) and the refusals it pinned to them, so the last report names the object, the file and the layer.
/// </summary>
public sealed class RehearsalLedger(Func<CrdOrigins>? origins = null)
{
    private readonly Lazy<CrdOrigins?> _origins = new(() => origins?.Invoke());
    private readonly ConcurrentDictionary<(string Kind, string? Namespace, string Name), ManifestObject> _applied = new();
    private readonly ConcurrentDictionary<string, RehearsalRefusal> _pinned = new();

    public int AppliedCount => _applied.Count;

    public void Applying(IEnumerable<ManifestObject> objects)
    {
        foreach (var o in objects.Where(o => o is { Kind: not null, Name: not null }))
            _applied[(o.Kind!, o.Namespace, o.Name!)] = o;
    }

    /// <summary>"manifests/tenants/tenant-a/quota.yaml:12" for a file of manifests/; otherwise what built the object.</summary>
    public static string SourceOf(ManifestObject o) => o.Line > 0 ? $"manifests/{o.File}:{o.Line}" : o.File;

    /// <summary>An apply the server refused, with the layer that refused it (discovery, or the emulator's own record).</summary>
    public RehearsalRefusalException Refused(ApplyFailedException e, ApiServerEmulator emulator)
    {
        var o = _applied.Values.FirstOrDefault(a => a.Identity == e.Identity);
        var source = o is null ? e.Where : SourceOf(o);
        if (e.InnerException is KindNotServedException k)
            return Pin(new RehearsalRefusal(e.Identity, source, $"{k.Message}: {_origins.Value?.Explain(k.ApiVersion, k.Kind) ?? "no CRD serves it"}",
                "discovery (the API server's group/version resource lists serve no such kind)"), e);
        return Pin(new RehearsalRefusal(e.Identity, source, e.Answer, LayerOf(emulator, o?.Kind, o?.Namespace, o?.Name)), e);
    }

    /// <summary>
    /// A readiness that can never be met: names the object it belongs to and, when the emulator refused something of it
    /// (a Deployment's pod, an InferenceService's predictor pod), that refusal and its layer; else the last state and events.
    /// </summary>
    public async Task<RehearsalRefusalException> NeverReadyAsync(Readiness readiness, ReadinessState lastSeen, ClusterApi api,
        ApiServerEmulator emulator, CancellationToken ct)
    {
        var (kind, ns, name, podPrefix) = Owner(readiness);
        var source = _applied.TryGetValue((kind, ns, name), out var o) ? SourceOf(o) : "not applied by the rehearsal";
        var refused = emulator.Operations.Refusals.LastOrDefault(r => r.Kind == "Pod" && r.Namespace == readiness.Namespace
                                                                    && r.Name.StartsWith(podPrefix, StringComparison.Ordinal));
        string answer, layer;
        if (refused is not null)
        {
            // The refusal is the cause; the owner's conditions and events only repeat it.
            answer = $"{readiness.Describe} never happened: its pod {refused.Name} (created by {refused.Manager}) was refused: {refused.Message}";
            layer = $"the API server emulator's {refused.Layer}";
        }
        else
        {
            var events = readiness.LabelSelector is null
                ? await api.RecentEventsAsync(new ObjectRef(readiness.ApiVersion, readiness.Kind, readiness.Namespace, readiness.Name), 5, ct)
                : [];
            answer = $"{readiness.Describe} never happened; once the API server emulator had settled (nothing more would change) it showed: " +
                     lastSeen.State + (events.Count == 0 ? "" : $". Recent events: {string.Join(" | ", events)}");
            layer = "no refusal: a condition nothing in the rehearsal makes true (see what it showed)";
        }
        return Pin(new RehearsalRefusal($"{kind} {(ns is null ? "" : ns + "/")}{name}", source, answer, layer));
    }

    /// <summary>The refusal a phase failed with, found by the phase's cause (the refusal's own message).</summary>
    public RehearsalRefusal? RefusalFor(string? cause) => cause is not null && _pinned.TryGetValue(cause, out var refusal) ? refusal : null;

    private RehearsalRefusalException Pin(RehearsalRefusal refusal, Exception? inner = null)
    {
        var e = new RehearsalRefusalException(refusal, inner);
        _pinned[e.Message] = refusal;
        return e;
    }

    /// <summary>The object a readiness belongs to (what the user wrote), and the name prefix of the pods made for it.</summary>
    private static (string Kind, string? Namespace, string Name, string PodPrefix) Owner(Readiness r) => r switch
    {
        // envoyproxy/gateway@v1.4.2 internal/infrastructure/kubernetes/proxy/resource_provider.go: envoy-<ns>-<name>-<hash>.
        GatewayProxyAvailable g => ("Gateway", g.GatewayNamespace, g.GatewayName, $"envoy-{g.GatewayNamespace}-{g.GatewayName}-"),
        WebhookEndpointsReady w => ("Service", w.Namespace, w.Name, w.Name + "-"),
        CrdEstablished c => ("CustomResourceDefinition", null, c.Name, "\0"),
        // knative/serving@knative-v1.18.1 pkg/reconciler/revision/resources/names: <isvc>-predictor-<generation>-deployment.
        InferenceServiceReady i => ("InferenceService", i.Namespace, i.Name, i.Name + "-predictor-"),
        _ => (r.Kind, r.Namespace, r.Name, r.Name + "-"),
    };

    private static string LayerOf(ApiServerEmulator emulator, string? kind, string? ns, string? name)
    {
        var refused = emulator.Operations.Refusals.LastOrDefault(r => r.Kind == kind && r.Namespace == ns && r.Name == name);
        if (refused is not null) return $"the API server emulator's {refused.Layer}";
        var request = emulator.Requests.All.LastOrDefault(r => r.Status >= 400 && name is not null && r.Path.EndsWith("/" + name, StringComparison.Ordinal));
        return request?.Layer is { } layer ? $"the API server emulator's {layer}" : "the API server emulator (layer not recorded)";
    }
}

using System.Text.Json.Nodes;
using InferenceBox.Platform.Cluster;
using InferenceBox.Platform.Manifests;
using InferenceBox.Platform.Waiting;

namespace InferenceBox.Platform.Provisioning.Ports;

/// <summary>
/// A condition the platform must reach; also what attach mode checks is there. It names the objects to look at
/// (one by name, or a set by label); whether they are ready is the kind's one rule (<see cref="ReadinessRules"/>).
/// </summary>
public abstract record Readiness(string Namespace, string Name)
{
    public abstract string Describe { get; }
    public abstract string ApiVersion { get; }
    public abstract string Kind { get; }

    /// <summary>The wait budget (WaitBudgets) that bounds waiting for it.</summary>
    public abstract string BudgetName { get; }

    /// <summary>Null: the one object named <see cref="Readiness.Name"/>; otherwise every object with these labels.</summary>
    public virtual string? LabelSelector => null;

    /// <summary>What the objects found say; by default the kind's rule on the one named object.</summary>
    public virtual WaitVerdict Evaluate(IReadOnlyList<JsonObject> found) => ReadinessRules.Of(found.FirstOrDefault());

    /// <summary>The version the objects show (attach mode compares it with the lock), if any.</summary>
    public virtual string? VersionOf(IReadOnlyList<JsonObject> found) => null;
}

/// <summary>A Deployment rolled out at its current generation and Available; optionally of a version from the lock.</summary>
public sealed record DeploymentAvailable(string Namespace, string Name, string? ExpectedVersion = null) : Readiness(Namespace, Name)
{
    public override string Describe => $"Deployment {Namespace}/{Name} Available" + (ExpectedVersion is null ? "" : $" at {ExpectedVersion}");
    public override string ApiVersion => "apps/v1";
    public override string Kind => "Deployment";
    public override string BudgetName => WaitBudgets.Names.DeploymentAvailable;

    // Versions show in image tags, app.kubernetes.io/version, or chart labels ("helm.sh/chart", kube-prometheus-stack's "chart").
    public override string? VersionOf(IReadOnlyList<JsonObject> found) => found.FirstOrDefault() is not { } d ? null : string.Join(" ",
        (d["spec"]?["template"]?["spec"]?["containers"] as JsonArray ?? []).Select(c => (string?)c?["image"]).OfType<string>()
            .Concat((d["metadata"]?["labels"] as JsonObject ?? []).Select(l => l.Value?.ToString()).OfType<string>()));
}

public sealed record CrdEstablished(string Name) : Readiness("", Name)
{
    public override string Describe => $"CRD {Name} Established";
    public override string ApiVersion => "apiextensions.k8s.io/v1";
    public override string Kind => "CustomResourceDefinition";
    public override string BudgetName => WaitBudgets.Names.CrdEstablished;

    public override string? VersionOf(IReadOnlyList<JsonObject> found) =>
        (found.FirstOrDefault()?["spec"]?["versions"] as JsonArray ?? []).FirstOrDefault(v => (bool?)v?["storage"] == true)?["name"]?.ToString();
}

/// <summary>
/// A webhook Service with a ready address, so admission calls stop failing: the API server of Kubernetes 1.32 sends a
/// webhook call to an address of the Service's Endpoints object (kubernetes/apiserver@v0.32.5
/// pkg/util/proxy/proxy.go, <c>ResolveEndpoint</c>: "no endpoints available for service" while it has none).
/// </summary>
public sealed record WebhookEndpointsReady(string Namespace, string Name) : Readiness(Namespace, Name)
{
    public override string Describe => $"Service {Namespace}/{Name} has ready endpoints";
    public override string ApiVersion => "v1";
    public override string Kind => "Endpoints";
    public override string BudgetName => WaitBudgets.Names.WebhookEndpoints;
}

public sealed record InferenceServiceReady(string Namespace, string Name) : Readiness(Namespace, Name)
{
    public override string Describe => $"InferenceService {Namespace}/{Name} Ready";
    public override string ApiVersion => "serving.kserve.io/v1beta1";
    public override string Kind => "InferenceService";
    public override string BudgetName => WaitBudgets.Names.InferenceServiceReady;
}

/// <summary>A StatefulSet rolled out at its current generation, every replica ready (Prometheus is one).</summary>
public sealed record StatefulSetReady(string Namespace, string Name) : Readiness(Namespace, Name)
{
    public override string Describe => $"StatefulSet {Namespace}/{Name} ready";
    public override string ApiVersion => "apps/v1";
    public override string Kind => "StatefulSet";
    public override string BudgetName => WaitBudgets.Names.DeploymentAvailable;
}

/// <summary>A DaemonSet rolled out at its current generation on every node it wants (Istio's CNI node agent is one).</summary>
public sealed record DaemonSetReady(string Namespace, string Name) : Readiness(Namespace, Name)
{
    public override string Describe => $"DaemonSet {Namespace}/{Name} rolled out";
    public override string ApiVersion => "apps/v1";
    public override string Kind => "DaemonSet";
    public override string BudgetName => WaitBudgets.Names.DeploymentAvailable;
}

/// <summary>A Gateway accepted and programmed by its controller, for its current generation.</summary>
public sealed record GatewayProgrammed(string Namespace, string Name) : Readiness(Namespace, Name)
{
    public override string Describe => $"Gateway {Namespace}/{Name} Programmed";
    public override string ApiVersion => "gateway.networking.k8s.io/v1";
    public override string Kind => "Gateway";
    public override string BudgetName => WaitBudgets.Names.DeploymentAvailable;
}

/// <summary>
/// A cert-manager Certificate issued for its current spec: condition Ready True at the Certificate's generation
/// (cert-manager/cert-manager@v1.18.2 pkg/apis/certmanager/v1/types_certificate.go, CertificateCondition.ObservedGeneration;
/// pkg/controller/certificates/readiness/readiness_controller.go sets it), so its Secret holds the certificate asked for.
/// </summary>
public sealed record CertificateReady(string Namespace, string Name) : Readiness(Namespace, Name)
{
    public override string Describe => $"Certificate {Namespace}/{Name} Ready";
    public override string ApiVersion => "cert-manager.io/v1";
    public override string Kind => "Certificate";
    public override string BudgetName => WaitBudgets.Names.CertificateReady;
}

/// <summary>
/// The Envoy proxy Deployment Envoy Gateway runs for a Gateway, found by the labels it puts on it
/// (envoyproxy/gateway@v1.4.2 internal/infrastructure/kubernetes/proxy/resource.go <c>EnvoyAppLabel</c> and
/// internal/gatewayapi/helpers.go <c>GatewayOwnerLabels</c>), in Envoy Gateway's own namespace
/// (resource_provider.go: <c>Namespace()</c> is the controller namespace unless gateway-namespace mode is on).
/// Its name is a hash, so it is never spelt here.
/// </summary>
public sealed record GatewayProxyAvailable(string ControllerNamespace, string GatewayNamespace, string GatewayName)
    : Readiness(ControllerNamespace, GatewayName)
{
    public override string Describe => $"Envoy proxy of Gateway {GatewayNamespace}/{GatewayName} Available (in {ControllerNamespace})";
    public override string ApiVersion => "apps/v1";
    public override string Kind => "Deployment";
    public override string BudgetName => WaitBudgets.Names.DeploymentAvailable;

    public override string? LabelSelector =>
        "app.kubernetes.io/name=envoy,app.kubernetes.io/component=proxy," +
        $"gateway.envoyproxy.io/owning-gateway-name={GatewayName},gateway.envoyproxy.io/owning-gateway-namespace={GatewayNamespace}";

    public override WaitVerdict Evaluate(IReadOnlyList<JsonObject> found)
    {
        if (found.Count == 0) return new(false, "no proxy Deployment yet");
        var verdicts = found.Select(d => (Name: (string?)d["metadata"]?["name"], Verdict: ReadinessRules.Of(d))).ToList();
        return new(verdicts.All(v => v.Verdict.Done), string.Join("; ", verdicts.Select(v => $"{v.Name}: {v.Verdict.State}")));
    }
}

/// <summary>What a readiness probe saw: the wait's verdict (ready or not, and what it looks like now), and the version found (if any).</summary>
public sealed record ReadinessState(bool Done, string State, string? Version = null) : WaitVerdict(Done, State);

/// <summary>An object found by label (the run-leftover sweep): its run label's value and its managed-by label's value.</summary>
public sealed record LabelledObject(string Kind, string? Namespace, string Name, string LabelValue, string? ManagedBy = null);

/// <summary>What the phases need from the cluster. One adapter: <see cref="ClusterApi"/>.</summary>
public interface IClusterPort
{
    Task<ReadinessState> ProbeAsync(Readiness readiness, CancellationToken ct);

    /// <summary>Waits (list, then watch) until ready; throws WaitTimeoutException with the last state and recent events.</summary>
    Task WaitAsync(Readiness readiness, string budgetName, TimeSpan budget, CancellationToken ct);

    /// <summary>Server-side apply with field manager <c>inferencebox-specs</c>, in the order the API server needs.</summary>
    Task ApplyAsync(IReadOnlyList<ManifestObject> objects, CancellationToken ct);

    Task<bool> ExistsAsync(ManifestObject manifestObject, CancellationToken ct);

    Task<string?> ReadSecretValueAsync(string ns, string name, string key, CancellationToken ct);

    Task<string?> ReadConfigMapValueAsync(string ns, string name, string key, CancellationToken ct);

    Task<string?> ReadPodTemplateAnnotationAsync(string ns, string deployment, string key, CancellationToken ct);

    /// <summary>Sets a pod-template annotation, which rolls (restarts) the Deployment when the value changes.</summary>
    Task SetPodTemplateAnnotationAsync(string ns, string deployment, string key, string value, CancellationToken ct);

    /// <summary>
    /// Namespaces, pods, Secrets and InferenceServices the API server selects by <paramref name="labelSelector"/>, each with
    /// the value of its label <paramref name="valueOf"/>.
    /// </summary>
    Task<IReadOnlyList<LabelledObject>> ListLabelledAsync(string labelSelector, string valueOf, CancellationToken ct);

    Task DeleteAsync(LabelledObject target, CancellationToken ct);
}

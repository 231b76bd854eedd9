using InferenceBox.Specs.Support.Manifests;
namespace InferenceBox.Specs.Support.Provisioning.Ports;

/// <summary>A condition the platform must reach; also what attach mode checks is there.</summary>
public abstract record Readiness(string Namespace, string Name)
{
    public abstract string Describe { get; }
}

/// <summary>Deployment Available (observedGeneration current); optionally of a version from the lock.</summary>
public sealed record DeploymentAvailable(string Namespace, string Name, string? ExpectedVersion = null) : Readiness(Namespace, Name)
{
    public override string Describe => $"Deployment {Namespace}/{Name} Available" + (ExpectedVersion is null ? "" : $" at {ExpectedVersion}");
}

public sealed record CrdEstablished(string Name) : Readiness("", Name)
{
    public override string Describe => $"CRD {Name} Established";
}

/// <summary>A webhook Service with at least one ready endpoint, so admission calls stop failing.</summary>
public sealed record WebhookEndpointsReady(string Namespace, string Name) : Readiness(Namespace, Name)
{
    public override string Describe => $"Service {Namespace}/{Name} has ready endpoints";
}

public sealed record InferenceServiceReady(string Namespace, string Name) : Readiness(Namespace, Name)
{
    public override string Describe => $"InferenceService {Namespace}/{Name} Ready (observedGeneration current)";
}

/// <summary>
/// What a probe saw: ready or not, a short description of the state, the version found (if any), and the
/// resourceVersion it read, so a watch can start right after it and miss no change.
/// </summary>
public sealed record ReadinessState(bool Ready, string Detail, string? Version = null, string? ResourceVersion = null);

/// <summary>An object found by label (the run-leftover sweep).</summary>
public sealed record LabelledObject(string Kind, string? Namespace, string Name, string LabelValue);

/// <summary>What the phases need from the cluster. One adapter: <see cref="KubernetesClusterPort"/>.</summary>
public interface IClusterPort
{
    Task<ReadinessState> ProbeAsync(Readiness readiness, CancellationToken ct);

    /// <summary>Waits (watch-based) until ready; throws WaitTimeoutException with the last state and recent events.</summary>
    Task WaitAsync(Readiness readiness, string budgetName, TimeSpan budget, CancellationToken ct);

    /// <summary>Server-side apply with field manager <c>inferencebox-specs</c>.</summary>
    Task ApplyAsync(IReadOnlyList<ManifestObject> objects, CancellationToken ct);

    Task<bool> ExistsAsync(ManifestObject manifestObject, CancellationToken ct);

    Task<string?> ReadSecretValueAsync(string ns, string name, string key, CancellationToken ct);

    Task<string?> ReadConfigMapValueAsync(string ns, string name, string key, CancellationToken ct);

    Task<string?> ReadPodTemplateAnnotationAsync(string ns, string deployment, string key, CancellationToken ct);

    /// <summary>Sets a pod-template annotation, which rolls (restarts) the Deployment when the value changes.</summary>
    Task SetPodTemplateAnnotationAsync(string ns, string deployment, string key, string value, CancellationToken ct);

    /// <summary>Namespaces, pods and InferenceServices carrying <paramref name="label"/>.</summary>
    Task<IReadOnlyList<LabelledObject>> ListLabelledAsync(string label, CancellationToken ct);

    Task DeleteAsync(LabelledObject target, CancellationToken ct);
}

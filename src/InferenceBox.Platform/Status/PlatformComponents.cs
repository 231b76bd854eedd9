using InferenceBox.Platform.Provisioning.Phases;
using InferenceBox.Platform.Provisioning.Ports;

namespace InferenceBox.Platform.Status;

/// <summary>
/// A component of the platform as the readiness feature names it: the phases that install it and what those phases
/// wait for (their own <see cref="PlatformPhase.Requirements"/>, the same list provisioning waits on and attach checks).
/// </summary>
public sealed record PlatformComponent(string Name, IReadOnlyList<string> Phases, IReadOnlyList<Readiness> Requirements)
{
    public IReadOnlyList<DeploymentAvailable> Deployments => Requirements.OfType<DeploymentAvailable>().Distinct().ToList();
    public IReadOnlyList<CrdEstablished> Crds => Requirements.OfType<CrdEstablished>().Distinct().ToList();
}

/// <summary>
/// The one table of what "the platform is ready" means: derived from the phases' readiness requirements, grouped into
/// the components the readiness feature names. Only the grouping is written here; what each component must show is
/// what its phases wait for, so the feature, provisioning and attach mode cannot disagree.
/// </summary>
public sealed class PlatformComponents
{
    /// <summary>Which phases of <see cref="PlatformPhases"/> make up each component.</summary>
    public static IReadOnlyList<(string Component, string[] Phases)> Grouping { get; } =
    [
        ("istio", ["istio-base", "istio-cni", "istiod", "istio-ingressgateway"]),
        ("cert-manager", ["cert-manager"]),
        ("knative", ["knative-serving", "net-istio"]),
        ("kserve", ["kserve-crd", "kserve"]),
        ("envoy-gateway", ["gateway-api-crds", "envoy-gateway"]),
        ("ai-gateway", ["ai-gateway"]),
        ("monitoring", ["kube-prometheus-stack"]),
        ("issuer", ["issuer"]),
        ("observability", ["observability", "kiali"]),
    ];

    private readonly IReadOnlyList<PlatformPhase> _phases;

    public PlatformComponents(IReadOnlyList<PlatformPhase> phases)
    {
        _phases = phases;
        All = Grouping.Select(g => new PlatformComponent(g.Component, g.Phases,
            g.Phases.SelectMany(name => Phase(name).Requirements).ToList())).ToList();
    }

    public IReadOnlyList<PlatformComponent> All { get; }

    /// <summary>The Gateways the phases wait to be Programmed (manifests/gateway/), as "namespace/name".</summary>
    public IReadOnlyList<string> Gateways => _phases.SelectMany(p => p.Requirements).OfType<GatewayProgrammed>()
        .Select(g => $"{g.Namespace}/{g.Name}").Distinct().ToList();

    /// <summary>
    /// Prometheus runs as the StatefulSet its operator names "prometheus-" + the Prometheus resource's name
    /// (prometheus-operator pkg/prometheus/statefulset.go prefixedName); kube-prometheus-stack names that resource
    /// "&lt;fullname&gt;-prometheus", the name of its Service too (prometheus-kube-prometheus-prometheus, upstream-audit).
    /// </summary>
    public static string PrometheusStatefulSet => $"monitoring/prometheus-{PlatformPhases.KubePrometheusStackFullname(PlatformPhases.KubePrometheusStackRelease)}-prometheus";

    public PlatformComponent Named(string name) =>
        All.SingleOrDefault(c => c.Name == name)
        ?? throw new ArgumentException($"Unknown platform component '{name}'. Known: {string.Join(", ", All.Select(c => c.Name))}.", nameof(name));

    private PlatformPhase Phase(string name) => _phases.SingleOrDefault(p => p.Name == name)
        ?? throw new InvalidOperationException($"PlatformComponents.Grouping names phase '{name}', which the plan does not have " +
                                               $"({string.Join(", ", _phases.Select(p => p.Name))}).");
}

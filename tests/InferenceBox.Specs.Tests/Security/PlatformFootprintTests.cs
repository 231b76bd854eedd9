using InferenceBox.Platform.Manifests;
using InferenceBox.Platform.Schemas;
using InferenceBox.Platform.Schemas.Security;
using InferenceBox.Specs.Tests.Schemas;

namespace InferenceBox.Specs.Tests.Security;

/// <summary>
/// The node budget of issue 19 item 9 as manifests/README.md shows it: the platform's own requests computed from the
/// charts' defaults and our values (<see cref="PlatformFootprint"/>), and every term and the total written in the README, so
/// the document cannot drift from the check that enforces it.
/// </summary>
public sealed class PlatformFootprintTests
{
    private static readonly string Manifests = ManifestFiles.FolderOf(TestPaths.RepoRoot);

    private static IReadOnlyList<FootprintTerm> Terms() =>
        PlatformFootprint.Of(Manifests, ManifestLoader.Load(Manifests).Objects, VersionLock.Load(Path.Combine(Manifests, VersionLock.FileName)));

    [Fact]
    public void Our_values_override_the_chart_defaults_and_plain_workloads_count_their_containers()
    {
        var terms = Terms().ToDictionary(t => t.Component);
        terms["istiod"].Should().Be(new FootprintTerm("istiod", ResourceAmount.Of("100m", "512Mi"), "values/istiod.yaml .resources"));
        terms["Kiali"].Source.Should().Be("values/kiali.yaml .deployment.resources");
        terms["Knative activator's sidecar"].Requests.Should().Be(ResourceAmount.Of("10m", "64Mi"), "knative-serving is injected; values/istiod.yaml global.proxy");
        terms.Should().NotContainKey("net-istio controller's sidecar", "net-istio's controller opts out of injection");
        terms["Deployment istio-system/jaeger"].Requests.Should().Be(ResourceAmount.Of("20m", "128Mi"));
        terms["Envoy of Gateway envoy-gateway-system/inference-gateway"].Requests.Should().Be(ResourceAmount.Of("60m", "160Mi"), "50m / 128Mi plus the shutdown manager");
        terms["AI Gateway ext_proc of Gateway envoy-gateway-system/ai-gateway"].Requests.Should().Be(ResourceAmount.Of("10m", "32Mi"),
            "an AIGatewayRoute targets ai-gateway, so the AI Gateway's webhook adds its ext_proc to that Envoy with the route's filterConfig resources");
        terms.Should().NotContainKey("AI Gateway ext_proc of Gateway envoy-gateway-system/inference-gateway");
        terms["Envoy Gateway ratelimit"].Source.Should().Be("values/envoy-gateway.yaml .config.envoyGateway.provider.kubernetes.rateLimitDeployment.container.resources");
        terms["Deployment envoy-gateway-system/redis"].Requests.Should().Be(ResourceAmount.Of("10m", "16Mi"));
    }

    [Fact]
    public void The_README_shows_every_term_and_the_total()
    {
        var readme = File.ReadAllText(Path.Combine(Manifests, "README.md"));
        var terms = Terms();
        TestContext.Current.TestOutputHelper?.WriteLine(string.Join(Environment.NewLine, terms.Select(t => $"| {t.Component} | {ResourceAmount.Format(t.Requests.CpuMillis)}m | {ResourceAmount.Format(t.Requests.MemoryMi)}Mi | {t.Source} |")));
        foreach (var term in terms.Where(t => t.Requests != ResourceAmount.Zero))
            readme.Should().Contain($"| {term.Component} | {ResourceAmount.Format(term.Requests.CpuMillis)}m | {ResourceAmount.Format(term.Requests.MemoryMi)}Mi |",
                "manifests/README.md \"Node budget\" lists each term of the platform's requests");
        var total = PlatformFootprint.Total(terms);
        readme.Should().Contain($"| **platform** | **{ResourceAmount.Format(total.CpuMillis)}m** | **{ResourceAmount.Format(total.MemoryMi)}Mi** |");
    }
}

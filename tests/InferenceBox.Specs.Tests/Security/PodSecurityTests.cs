using System.Text.Json.Nodes;
using InferenceBox.Platform.Emulator.Admission;
using InferenceBox.Platform.Emulator.Admission.PodSecurity;
using k8s;
using InferenceBox.Platform.Cluster;
using InferenceBox.Specs.Tests.Emulator;

namespace InferenceBox.Specs.Tests.Security;

/// <summary>
/// The suite's own client pods against the restricted profile (issue 19 item 8), judged by the emulator's PodSecurity
/// admission (kubernetes/pod-security-admission@v0.32.5), as admitted: with Istio's sidecar injected in CNI mode, and
/// without it.
/// </summary>
public sealed class PodSecurityTests
{
    private static JsonObject ClientPod(bool sidecar) => JsonNode.Parse(KubernetesJson.Serialize(ClientPods.Build(
        new InMeshCall("tenant-a", sidecar, new Uri("http://sklearn-iris-predictor.tenant-b.svc.cluster.local/")), "client", "token",
        new Dictionary<string, string>(), TimeSpan.FromSeconds(30))))!.AsObject();

    private static string? Restricted(JsonObject pod) =>
        PodSecurityAdmission.Violations(pod["metadata"] as JsonObject, (JsonObject)pod["spec"]!, PodSecurityAdmission.Level.Restricted);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_client_pod_passes_restricted_as_admitted(bool sidecar)
    {
        var pod = ClientPod(sidecar);
        if (sidecar) IstioSidecarInjection.Inject(pod, new SidecarSettings { Cni = true }, Emulators.RepositoryImages.IstioProxy);

        Restricted(pod).Should().BeNull();
        pod["spec"]!["automountServiceAccountToken"]!.GetValue<bool>().Should().BeFalse("curl needs no API token; Istio's sidecar brings its own");
    }

    [Fact]
    public void Without_Istios_CNI_the_injected_istio_init_is_refused()
    {
        var pod = ClientPod(sidecar: true);
        IstioSidecarInjection.Inject(pod, new SidecarSettings { Cni = false }, Emulators.RepositoryImages.IstioProxy);

        Restricted(pod).Should().Contain("container \"istio-init\" must not include \"NET_ADMIN\", \"NET_RAW\" in securityContext.capabilities.add")
            .And.Contain("runAsUser=0 (container \"istio-init\" must not set runAsUser=0)");
    }
}

using InferenceBox.Specs.Support.Gateway.Tls;
using InferenceBox.Platform.Manifests;
using InferenceBox.Platform.Provisioning.Phases;
using InferenceBox.Platform.Run;
using InferenceBox.Platform.Settings;
using InferenceBox.Platform.Waiting;
using InferenceBox.Specs.Tests.Cluster;
using InferenceBox.Specs.Tests.Emulator;
using InferenceBox.Specs.Tests.Provisioning;
using System.Security.Cryptography.X509Certificates;
using InferenceBox.Platform.Gateway.Tls;

namespace InferenceBox.Specs.Tests.Edge;

/// <summary>
/// The repository's manifests/tls through the gateway-tls phase on the API server emulator (its cert-manager issues for
/// real), the CA read back the way a run reads it, and a real handshake with a server holding the issued certificate:
/// the chain ends at that CA and the certificate names 127.0.0.1 and localhost.
/// </summary>
public sealed class CertificatesOnEmulatorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly string Repo = RunPaths.RequireRepositoryRoot();

    [Fact]
    public async Task The_gateway_tls_phase_issues_both_gateways_certificates_the_suite_then_trusts()
    {
        await using var t = await AdapterTarget.StartAsync(AdapterTarget.Emulator);
        var crds = Directory.GetFiles(Path.Combine(Schemas.TestPaths.SchemasDir!, "crds", "cert-manager-v1.18.2"))
            .SelectMany(f => ManifestLoader.Parse(File.ReadAllText(f), f)).ToList();
        await t.Api().ApplyAsync(crds, Ct);
        foreach (var ns in new[] { "cert-manager", "envoy-gateway-system" })
            await t.Client.ApplyAsync(t.Server!, $"apiVersion: v1\nkind: Namespace\nmetadata: {{name: {ns}}}");
        await t.Client.ApplyAsync(t.Server!, "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: cert-manager, namespace: cert-manager}\n" +
            "spec: {replicas: 1, selector: {matchLabels: {app: cm}}, template: {metadata: {labels: {app: cm}}, spec: {containers: [{name: c, image: x}]}}}");
        var api = t.Api();
        var context = new ProvisionContext(new InferenceBoxSettings(), VersionLock.Load(Path.Combine(ManifestFiles.FolderOf(Repo), "versions.yaml")),
            new RecordingToolRunner(), api, new WaitBudgets(), Repo, Path.Combine(Path.GetTempPath(), "ibx-unused-state"));
        var phase = PlatformPhases.All(context).Single(p => p.Name == CertificatesPhase.PhaseName);

        try { await phase.RunAsync(Ct); }
        catch (WaitTimeoutException e) { throw new InvalidOperationException($"{e.Message} The emulator's controllers failed: {string.Join("; ", t.Server!.ControllerFailures)}", e); }

        phase.Requirements.Select(r => r.Describe).Should().BeEquivalentTo(["Certificate cert-manager/inferencebox-root-ca Ready",
            "Certificate envoy-gateway-system/inference-gateway-tls Ready", "Certificate envoy-gateway-system/ai-gateway-tls Ready"]);
        var ca = await GatewayCaSources.For(new InferenceBoxSettings(), api).LoadAsync(Ct);
        ca.Certificate.Subject.Should().Be("CN=InferenceBox platform root CA");
        // Both gateways' certificates chain to the one CA the suite trusts and name the hosts it calls them by.
        foreach (var secret in new[] { "inference-gateway-tls", "ai-gateway-tls" })
        {
            var crt = await api.ReadSecretValueAsync("envoy-gateway-system", secret, "tls.crt", Ct);
            var key = await api.ReadSecretValueAsync("envoy-gateway-system", secret, "tls.key", Ct);
            using var issued = X509Certificate2.CreateFromPem(crt, key);
            using var served = X509CertificateLoader.LoadPkcs12(issued.Export(X509ContentType.Pkcs12), null);
            await using var gateway = await LoopbackTlsServer.StartAsync(served);

            var handshake = await new TlsProbe(TimeSpan.FromSeconds(20)).WithPlatformCaAsync(gateway.BaseUrl, GatewayTrust.Of(ca), Ct);

            TlsVerdict.VerifiesAgainst(handshake, ca).Should().BeEmpty($"{secret}: {handshake}");
            handshake.Names.Should().BeEquivalentTo(["localhost", "127.0.0.1"], secret);
        }
        t.Server!.ControllerFailures.Should().BeEmpty();
    }
}

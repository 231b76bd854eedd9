using InferenceBox.Platform.Provisioning.Ports;
using InferenceBox.Platform.Waiting;

namespace InferenceBox.Platform.Provisioning.Phases;

/// <summary>
/// manifests/tls: the platform's CA and the gateway's server certificate, issued by cert-manager. Done when every
/// Certificate of the folder is Ready for its spec, so the gateway phase's HTTPS listener finds its Secret and the run
/// hook can read the CA the suite trusts (src/InferenceBox.Platform/Gateway/Tls/GatewayCaSources.cs). Its requirements follow the folder:
/// a Certificate added there is waited for without a second list.
/// </summary>
public sealed class CertificatesPhase(ProvisionContext context, params string[] dependsOn)
    : ManifestPhase(context, PhaseName, [Folder], 20, [], dependsOn, WaitBudgets.Names.CertificateReady)
{
    public const string PhaseName = "gateway-tls";
    public const string Folder = "tls";

    public override IReadOnlyList<Readiness> Requirements =>
        Objects().Where(o => o is { Group: "cert-manager.io", Kind: "Certificate" })
            .Select(c => (Readiness)new CertificateReady(c.Namespace ?? "default", c.Name!)).ToList();
}

using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using InferenceBox.Platform.Manifests;
using InferenceBox.Platform.Observability;
using InferenceBox.Platform.Provisioning.Ports;
using InferenceBox.Platform.Run;

namespace InferenceBox.Platform.Provisioning.Phases;

/// <summary>
/// kube-prometheus-stack, after Grafana's admin Secret (issue 19 item 2): the password is generated once, at bootstrap, into
/// Secret <see cref="GrafanaCredentials.SecretName"/> in the release's namespace, which values/kube-prometheus-stack.yaml
/// names in grafana.admin.existingSecret (the manifest validator holds the two to each other). An existing Secret is kept,
/// so a rerun never changes the password under a running Grafana. The password is written nowhere else: not in the
/// repository, a command line, a progress line or an object's description.
/// </summary>
public sealed class MonitoringPhase : HelmReleasePhase
{
    private readonly string[] _releaseNames;

    public MonitoringPhase(ProvisionContext context, string name, string[] releaseNames, int estimateSeconds,
        Func<string, string, string, IReadOnlyList<Readiness>> requirements, string? helmRelease, params string[] dependsOn)
        : base(context, name, releaseNames, estimateSeconds, requirements, helmRelease, dependsOn) => _releaseNames = releaseNames;

    private string Namespace => Context.Lock.Chart(_releaseNames).Entry.Namespace;

    protected override async Task<bool> IsInstalledAsync(CancellationToken ct) =>
        await Context.Cluster.ReadSecretValueAsync(Namespace, GrafanaCredentials.SecretName, GrafanaCredentials.PasswordKey, ct) is not null
        && await base.IsInstalledAsync(ct);

    protected override async Task InstallAsync(CancellationToken ct)
    {
        if (await Context.Cluster.ReadSecretValueAsync(Namespace, GrafanaCredentials.SecretName, GrafanaCredentials.PasswordKey, ct) is null)
            await ApplyAsync([AdminSecret(Namespace, NewPassword())], ct);
        await base.InstallAsync(ct);
    }

    /// <summary>32 random bytes, base64url: nothing a person chose, nothing a chart ships.</summary>
    private static string NewPassword() => Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));

    private static ManifestObject AdminSecret(string ns, string password) => ManifestObject.Built(new JsonObject
    {
        ["apiVersion"] = "v1", ["kind"] = "Secret", ["type"] = "Opaque",
        ["metadata"] = new JsonObject
        {
            ["name"] = GrafanaCredentials.SecretName, ["namespace"] = ns,
            ["labels"] = new JsonObject { ["app.kubernetes.io/part-of"] = "grafana", [RunContext.ManagedByLabel] = RunContext.ManagedBy },
        },
        ["data"] = new JsonObject
        {
            [GrafanaCredentials.UserKey] = Convert.ToBase64String(Encoding.UTF8.GetBytes(GrafanaCredentials.AdminUser)),
            [GrafanaCredentials.PasswordKey] = Convert.ToBase64String(Encoding.UTF8.GetBytes(password)),
        },
    }, "provisioner (generated Grafana admin password)");
}

using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using InferenceBox.Platform.Provisioning.Ports;
using InferenceBox.Platform.Settings;
using InferenceBox.Platform.Tokens;
using InferenceBox.Platform.Waiting;
using InferenceBox.Platform.Manifests;

namespace InferenceBox.Platform.Provisioning.Phases;

/// <summary>
/// The JWT issuer: its signing key (generated once, kept in a Secret so reruns and restarts keep tokens valid,
/// and copied to a 0600 file for the suite), its OAuth clients (one per tenant, <see cref="IssuerClientSecrets"/>;
/// so it runs after the tenants' namespaces exist), its locally built image loaded into Kind, and manifests/issuer.
/// </summary>
public sealed class IssuerPhase(ProvisionContext context, params string[] dependsOn)
    : ManifestPhase(context, "issuer", ["issuer"], 60, [new DeploymentAvailable(Namespace, "jwt-issuer")], dependsOn)
{
    public const string Namespace = "auth-system", SecretName = "jwt-issuer-signing-key", SecretKey = "signing-key.pem";
    public const string ImageRepository = "kind.local/inferencebox/jwt-issuer";

    /// <summary>The issuer's image as manifests/versions.yaml pins it under localImages: (built here, loaded into Kind).</summary>
    public static string ImageIn(VersionLock versionLock) =>
        versionLock.LocalImages.TryGetValue(ImageRepository, out var tag) && tag.Length > 0 ? $"{ImageRepository}:{tag}"
            : throw new InvalidDataException($"manifests/versions.yaml has no localImages: entry {ImageRepository}; the issuer is " +
                "built and loaded into Kind under that tag. Add it (the tag manifests/issuer/issuer.yaml runs).");

    private string Image => ImageIn(Context.Lock);

    private IssuerClientSecrets Clients => new(Context.Cluster, PlatformTenants.All);

    protected override async Task<bool> IsInstalledAsync(CancellationToken ct) =>
        File.Exists(Context.SigningKeyFile)
        && await Context.Cluster.ReadSecretValueAsync(Namespace, SecretName, SecretKey, ct) is not null
        && await Clients.AreRegisteredAsync(ct)
        && await base.IsInstalledAsync(ct);

    protected override async Task InstallAsync(CancellationToken ct)
    {
        // The Secrets need auth-system first: its Namespace as manifests/issuer declares it (labels included, so a
        // second server-side apply by the same field manager never drops them).
        await ApplyAsync([.. Objects().Where(o => o.Kind == "Namespace")], ct);
        await EnsureSigningKeyAsync(ct);
        await Clients.EnsureAsync(ct);
        await BuildAndLoadImageAsync(ct);
        await base.InstallAsync(ct);
    }

    private async Task EnsureSigningKeyAsync(CancellationToken ct)
    {
        var pem = await Context.Cluster.ReadSecretValueAsync(Namespace, SecretName, SecretKey, ct);
        // A key the user named (INFERENCEBOX_SIGNING_KEY_FILE) is theirs: used for a new Secret, never overwritten.
        var userKey = Context.Settings.SigningKeyFile;
        if (pem is null)
        {
            pem = userKey is not null ? await File.ReadAllTextAsync(userKey, ct) : NewKey();
            await ApplyAsync([SecretObject(pem)], ct);
        }
        if (userKey is null) WriteKeyFile(Context.SigningKeyFile, pem);
    }

    private static string NewKey()
    {
        using var rsa = RSA.Create(2048);
        return rsa.ExportPkcs8PrivateKeyPem();
    }

    /// <summary>Writes the key readable by the owner only; never logs it.</summary>
    public static void WriteKeyFile(string path, string pem)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var file = new StreamWriter(path, Encoding.ASCII, options)) file.Write(pem);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    private async Task BuildAndLoadImageAsync(CancellationToken ct)
    {
        var budget = Context.Budgets.HelmRelease;
        var issuerDir = Path.Combine(Context.RepoRoot, "issuer");
        if (File.Exists(Path.Combine(issuerDir, "Dockerfile")))
            await Context.Tools.RunCheckedAsync("docker", ["build", "-t", Image, issuerDir], budget, ct);
        else
            await Context.Tools.RunCheckedAsync("dotnet", ["publish", Path.Combine(issuerDir, "InferenceBox.Issuer"), "-t:PublishContainer",
                "-p:ContainerRepository=" + Image.Split(':')[0], "-p:ContainerImageTag=" + Image.Split(':')[1]], budget, ct);
        await Context.Tools.RunCheckedAsync("kind", ["load", "docker-image", Image, "--name", InferenceBoxSettings.ClusterName], budget, ct);
    }

    private static ManifestObject SecretObject(string pem) => ManifestObject.Built(new JsonObject
    {
        ["apiVersion"] = "v1", ["kind"] = "Secret", ["type"] = "Opaque",
        ["metadata"] = new JsonObject { ["name"] = SecretName, ["namespace"] = Namespace },
        ["data"] = new JsonObject { [SecretKey] = Convert.ToBase64String(Encoding.ASCII.GetBytes(pem)) },
    }, "provisioner (generated signing key)");
}

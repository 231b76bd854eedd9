using InferenceBox.Platform.Manifests;
using InferenceBox.Specs.Tests.Schemas;

namespace InferenceBox.Specs.Tests.Tenancy;

/// <summary>
/// The tenant list is written once (<see cref="PlatformTenants"/>); the platform as code names the tenants twice more,
/// as folders of manifests/tenants and as the issuer's clients. All three must agree (issue 15 item 7).
/// </summary>
public sealed class PlatformTenantsTests
{
    private static readonly string Manifests = ManifestFiles.FolderOf(TestPaths.RepoRoot);

    [Fact]
    public void The_list_names_exactly_the_folders_of_manifests_tenants()
    {
        var folders = Directory.GetDirectories(Path.Combine(Manifests, "tenants")).Select(Path.GetFileName).Order(StringComparer.Ordinal);
        PlatformTenants.All.Should().Equal(folders);
    }

    [Fact]
    public void The_list_names_exactly_the_issuers_clients_in_manifests_issuer()
    {
        var issuer = ManifestLoader.Folder(Manifests, "issuer").Single(o => o is { Kind: "Deployment", Name: "jwt-issuer" });
        var env = issuer.Body["spec"]!["template"]!["spec"]!["containers"]!.AsArray()
            .SelectMany(c => c!["env"]?.AsArray() ?? []).Select(e => ((string?)e!["name"], (string?)e["value"]));
        var tenants = env.Where(e => e.Item1?.StartsWith("Issuer__Tenants__", StringComparison.Ordinal) == true)
            .OrderBy(e => int.Parse(e.Item1!["Issuer__Tenants__".Length..], System.Globalization.CultureInfo.InvariantCulture))
            .Select(e => e.Item2);
        PlatformTenants.All.Should().Equal(tenants);
    }
}

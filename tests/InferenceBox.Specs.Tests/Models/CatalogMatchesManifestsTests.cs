using InferenceBox.Platform.Models;
using InferenceBox.Platform.Schemas.Security;
using InferenceBox.Platform.Run;
using InferenceBox.Platform.Schemas;
using InferenceBox.Platform.Manifests;

namespace InferenceBox.Specs.Tests.Models;

/// <summary>
/// The catalog is what the serving scenarios probe and the manifests are what the provisioner deploys: every
/// catalog entry must be an InferenceService of the same name, tenant and storage in manifests/, and every
/// gateway route prefix must exist for it. Each tenant's models folder on the node holds exactly its own catalog entries
/// (issue 19 item 14): kind binds models/&lt;storagePath&gt; at /models/&lt;tenant&gt;/&lt;storagePath&gt; for each pvc:// entry, and
/// nothing else under /models; the chat models' weights (models/chat-models.json) are bound the same way, from the host cache.
/// </summary>
public sealed class CatalogMatchesManifestsTests
{
    private static readonly string Root = RunPaths.RepositoryRoot();
    private static readonly ModelCatalog Catalog = ModelCatalog.Load(Path.Combine(Root, ModelCatalog.RelativePath));
    private static readonly IReadOnlyList<ManifestObject> Objects = ManifestLoader.Load(ManifestFiles.FolderOf(Root)).Objects;

    public static TheoryData<string> Entries() => [.. Catalog.Models.Select(m => m.Id)];

    [Theory]
    [MemberData(nameof(Entries))]
    public void Each_catalog_entry_is_deployed_by_an_InferenceService_with_its_storage(string id)
    {
        var model = Catalog.Models.Single(m => m.Id == id);
        var services = Objects.Where(o => o.Kind == "InferenceService" && o.Name == model.Name && o.Namespace == model.Tenant).ToList();
        services.Should().NotBeEmpty($"{model.Id} is in models/catalog.json, so manifests/ must deploy it");
        services.Select(s => s.Body["spec"]?["predictor"]?["model"]?["storageUri"]?.GetValue<string>())
            .Should().Contain(model.StorageUri, $"one InferenceService of {model.Id} must load {model.StorageUri}");
    }

    [Theory]
    [MemberData(nameof(Entries))]
    public void Each_catalog_entry_has_a_gateway_route_prefix(string id)
    {
        var model = Catalog.Models.Single(m => m.Id == id);
        var prefixes = Objects.Where(o => o.Kind == "HTTPRoute" && o.Namespace == model.Tenant)
            .SelectMany(o => o.Body["spec"]?["rules"]?.AsArray() ?? [])
            .SelectMany(r => r?["matches"]?.AsArray() ?? [])
            .Select(m => m?["path"]?["value"]?.GetValue<string>());
        prefixes.Should().Contain($"/{model.Tenant}/{model.Name}");
    }

    [Fact]
    public void Kind_binds_each_tenants_own_catalog_entries_and_nothing_else_under_models()
    {
        var cluster = YamlJson.ParseAll(File.ReadAllText(Path.Combine(ManifestFiles.FolderOf(Root), KindClusterCheck.FileName)), KindClusterCheck.FileName).Single().Node;
        var mounts = (cluster!["nodes"]!.AsArray()).SelectMany(n => n?["extraMounts"]?.AsArray() ?? [])
            .Select(m => (Host: m!["hostPath"]!.GetValue<string>().TrimEnd('/'), Container: m["containerPath"]!.GetValue<string>().TrimEnd('/')))
            .Where(m => m.Container.StartsWith(ModelStorageCheck.Root + "/", StringComparison.Ordinal)).ToList();
        var expected = Catalog.Models.Where(m => m.StorageUri.StartsWith(CatalogModel.PvcPrefix, StringComparison.Ordinal))
            .Select(m => (Host: "models/" + m.StoragePath, Container: $"{ModelStorageCheck.Root}/{m.Tenant}/{m.StoragePath}"))
            // The chat models' weights: models/<weights name> stands for that folder of the host cache (Provisioning/Phases/KindConfig.cs).
            .Concat(ChatModelCatalog.Load(Path.Combine(Root, ChatModelCatalog.RelativePath)).Models
                .Select(m => (Host: "models/" + m.Weights, Container: $"{ModelStorageCheck.Root}/{m.Tenant}/{m.Weights}")))
            .Distinct().ToList();

        mounts.Should().BeEquivalentTo(expected, "each tenant's folder on the node must hold its own catalog entries, and only those");
    }
}

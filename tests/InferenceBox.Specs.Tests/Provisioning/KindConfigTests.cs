using System.Text.Json.Nodes;
using InferenceBox.Platform.Manifests;
using InferenceBox.Platform.Provisioning.Phases;
using InferenceBox.Platform.Run;

namespace InferenceBox.Specs.Tests.Provisioning;

/// <summary>The kind config the cluster is created from: the repository's cluster.yaml with only the weights binds pointed at the cache.</summary>
public sealed class KindConfigTests
{
    [Fact]
    public void Only_binds_of_pinned_weights_move_to_the_cache_and_the_others_stay_relative()
    {
        var file = Path.Combine(ManifestFiles.FolderOf(RunPaths.RepositoryRoot()), "kind", "cluster.yaml");
        var cluster = YamlJson.ParseAll(File.ReadAllText(file), "kind/cluster.yaml").Single().Node!;

        var moved = KindConfig.Rewrite(cluster, new Dictionary<string, string> { ["qwen2.5-0.5b-instruct"] = "/cache/weights/qwen/sha" });

        moved.Should().Be(2, "tenant-b and tenant-c each bind the chat model's weights");
        var binds = cluster["nodes"]!.AsArray().SelectMany(n => n!["extraMounts"]!.AsArray())
            .ToDictionary(m => m!["containerPath"]!.GetValue<string>(), m => m!["hostPath"]!.GetValue<string>());
        binds["/models/tenant-b/qwen2.5-0.5b-instruct"].Should().Be("/cache/weights/qwen/sha");
        binds["/models/tenant-c/qwen2.5-0.5b-instruct"].Should().Be("/cache/weights/qwen/sha");
        binds["/models/tenant-a/sklearn-iris/v1"].Should().Be("models/sklearn-iris/v1", "kind resolves relative binds against the repository root");
    }

    [Fact]
    public void A_bind_of_a_name_that_is_not_pinned_is_left_alone()
    {
        var cluster = JsonNode.Parse("""{"nodes":[{"extraMounts":[{"hostPath":"models/other","containerPath":"/models/tenant-a/other"}]}]}""")!;

        KindConfig.Rewrite(cluster, new Dictionary<string, string> { ["qwen2.5-0.5b-instruct"] = "/cache" }).Should().Be(0);
        cluster["nodes"]![0]!["extraMounts"]![0]!["hostPath"]!.GetValue<string>().Should().Be("models/other");
    }
}

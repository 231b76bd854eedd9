using System.Text.Json.Nodes;
using FluentAssertions;
using InferenceBox.Specs.Support.Cluster;
using InferenceBox.Specs.Support.Isolation;
using InferenceBox.Specs.Tests.Gateway;
using k8s.Models;
using Xunit;

namespace InferenceBox.Specs.Tests.Cluster;

public sealed class ApplyAndNamesTests
{
    private static JsonObject Manifest() => (JsonObject)JsonNode.Parse("""
        {"apiVersion":"serving.kserve.io/v1beta1","kind":"InferenceService",
         "metadata":{"name":"sklearn-iris","namespace":"tenant-a","labels":{"app":"iris"}},"spec":{}}
        """)!;

    [Fact]
    public void The_apply_body_carries_the_run_label_and_keeps_the_manifests_own()
    {
        var body = JsonNode.Parse(ServerSideApply.Body(Manifest(), new Dictionary<string, string> { ["inferencebox.dev/run-id"] = "r1" }))!;

        body["metadata"]!["labels"]!["inferencebox.dev/run-id"]!.GetValue<string>().Should().Be("r1");
        body["metadata"]!["labels"]!["app"]!.GetValue<string>().Should().Be("iris");
        body["kind"]!.GetValue<string>().Should().Be("InferenceService");
    }

    [Fact]
    public void The_patch_is_a_server_side_apply_patch()
    {
        var patch = ServerSideApply.Patch(Manifest(), new Dictionary<string, string>());
        patch.Type.Should().Be(V1Patch.PatchType.ApplyPatch);
        ServerSideApply.FieldManager.Should().Be("inferencebox-specs");
    }

    [Theory]
    [InlineData("InferenceService", "inferenceservices")]
    [InlineData("AuthorizationPolicy", "authorizationpolicies")]
    [InlineData("Ingress", "ingresses")]
    [InlineData("Deployment", "deployments")]
    public void Plurals(string kind, string plural) => ServerSideApply.Plural(kind).Should().Be(plural);

    [Fact]
    public void A_manifest_without_a_name_is_refused_naming_the_field()
    {
        var manifest = Manifest();
        ((JsonObject)manifest["metadata"]!).Remove("name");
        FluentActions.Invoking(() => ServerSideApply.RefOf(manifest)).Should().Throw<InvalidDataException>().WithMessage("*metadata.name*");
    }

    [Fact]
    public void Scenario_names_are_unique_valid_dns_labels_and_carry_the_run_label()
    {
        var run = TestRun.For(new Uri("http://127.0.0.1:1"));
        var scenario = ScenarioIdentity.For("Tenant isolation", "A tenant reaches its own model", ["tenant-a"]);
        var resources = new ScenarioResources(run, scenario);

        var names = Enumerable.Range(0, 3).Select(_ => resources.UniqueName("Curl_Pod")).ToList();

        names.Should().OnlyHaveUniqueItems().And.AllSatisfy(n => n.Should().MatchRegex("^[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?$"));
        names[0].Should().Contain(scenario.Hash);
        resources.Labels.Should().Contain("inferencebox.dev/run-id", "run-20261126-test");
        ScenarioIdentity.For("Tenant isolation", "A tenant reaches its own model", ["tenant-b"]).Hash.Should().NotBe(scenario.Hash);
        scenario.Slug.Should().StartWith("a-tenant-reaches-its-own-model-");
    }

    [Fact]
    public void An_over_quota_message_or_readiness_ends_the_quota_wait()
    {
        JsonNode Isvc(string status, string message) => new JsonObject
        {
            ["status"] = new JsonObject { ["conditions"] = new JsonArray(new JsonObject { ["type"] = "Ready", ["status"] = status, ["message"] = message }) },
        };
        ClusterDriver.QuotaVerdict(Isvc("False", "pods \"x\" is forbidden: exceeded quota: tenant-quota")).Done.Should().BeTrue();
        ClusterDriver.QuotaVerdict(Isvc("True", "")).Done.Should().BeTrue();
        ClusterDriver.QuotaVerdict(Isvc("False", "RevisionMissing")).Done.Should().BeFalse();
    }
}

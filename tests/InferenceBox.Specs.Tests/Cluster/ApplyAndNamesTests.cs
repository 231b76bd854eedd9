using System.Text.Json.Nodes;
using InferenceBox.Specs.Support.Cluster;
using InferenceBox.Specs.Support.Isolation;
using InferenceBox.Specs.Tests.Gateway;
using InferenceBox.Platform.Cluster;

namespace InferenceBox.Specs.Tests.Cluster;

public sealed class ApplyAndNamesTests
{
    private static JsonObject Manifest() => (JsonObject)JsonNode.Parse("""
        {"apiVersion":"serving.kserve.io/v1beta1","kind":"InferenceService",
         "metadata":{"name":"sklearn-iris","namespace":"tenant-a","labels":{"app":"iris"}},"spec":{}}
        """)!;

    [Fact]
    public void A_manifest_without_a_name_is_refused_naming_the_field()
    {
        var manifest = Manifest();
        ((JsonObject)manifest["metadata"]!).Remove("name");
        FluentActions.Invoking(() => ObjectRef.Of(manifest)).Should().Throw<InvalidDataException>().WithMessage("*metadata.name*");
    }

    [Fact]
    public void Scenario_names_are_unique_valid_dns_labels_and_carry_the_run_label_and_the_suites_marker()
    {
        var run = TestRun.For(new Uri("http://127.0.0.1:1"));
        var scenario = ScenarioIdentity.For("Tenant isolation", "A tenant reaches its own model", ["tenant-a"]);
        var resources = new ScenarioResources(run, scenario);

        var names = Enumerable.Range(0, 3).Select(_ => resources.UniqueName("Curl_Pod")).ToList();

        names.Should().OnlyHaveUniqueItems().And.AllSatisfy(n => n.Should().MatchRegex("^[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?$"));
        names[0].Should().Contain(scenario.Hash);
        resources.Labels.Should().Contain("inferencebox.dev/run-id", "run-20261126-test")
            .And.Contain("app.kubernetes.io/managed-by", "inferencebox-specs", "the sweep deletes only what carries both (issue 19 item 16)");
        ScenarioIdentity.For("Tenant isolation", "A tenant reaches its own model", ["tenant-b"]).Hash.Should().NotBe(scenario.Hash);
        scenario.Slug.Should().StartWith("a-tenant-reaches-its-own-model-");
    }

    [Fact]
    public void An_over_quota_message_or_readiness_ends_the_quota_wait()
    {
        JsonObject Isvc(string status, string message) => new()
        {
            ["apiVersion"] = "serving.kserve.io/v1beta1", ["kind"] = "InferenceService",
            ["status"] = new JsonObject { ["conditions"] = new JsonArray(new JsonObject { ["type"] = "Ready", ["status"] = status, ["message"] = message }) },
        };
        ClusterDriver.QuotaVerdict(Isvc("False", "pods \"x\" is forbidden: exceeded quota: tenant-quota")).Done.Should().BeTrue();
        ClusterDriver.QuotaVerdict(Isvc("True", "")).Done.Should().BeTrue();
        ClusterDriver.QuotaVerdict(Isvc("False", "RevisionMissing")).Done.Should().BeFalse();
    }
}

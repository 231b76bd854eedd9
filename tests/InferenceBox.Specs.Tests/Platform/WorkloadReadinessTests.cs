using System.Text.Json.Nodes;
using Gherkin;
using Gherkin.Ast;
using InferenceBox.Platform.Status;
using InferenceBox.Platform.Progress;
using InferenceBox.Platform.Provisioning;
using InferenceBox.Platform.Provisioning.Phases;
using InferenceBox.Platform.Provisioning.Ports;
using InferenceBox.Platform.Run;
using InferenceBox.Platform.Settings;
using InferenceBox.Platform.Waiting;
using InferenceBox.Platform.Cluster;

namespace InferenceBox.Specs.Tests.Platform;

/// <summary>
/// Issue 17 item 11: "ready" is kubectl's rollout status (kubernetes/kubernetes
/// staging/src/k8s.io/kubectl/pkg/polymorphichelpers/rollout_status.go) plus Available, not Available alone, which stays
/// True during a rollout; a Gateway is Programmed for its current generation. Objects in the API's JSON shape.
/// </summary>
public sealed class WorkloadReadinessTests
{
    // The one rule per kind the provisioner also waits on, applied to the object as the API serves it.
    private static WaitVerdict Rule(string apiVersion, string kind, JsonNode obj)
    {
        var o = obj.AsObject();
        o["apiVersion"] = apiVersion;
        o["kind"] = kind;
        return ReadinessRules.Of(o);
    }

    private static JsonNode Deployment(long generation, long observed, long replicas, long updated, long available, string availableStatus = "True") =>
        JsonNode.Parse($$$"""
        {"metadata":{"generation":{{{generation}}}},"spec":{"replicas":1},
         "status":{"observedGeneration":{{{observed}}},"replicas":{{{replicas}}},"updatedReplicas":{{{updated}}},"availableReplicas":{{{available}}},
           "conditions":[{"type":"Available","status":"{{{availableStatus}}}"},{"type":"Progressing","status":"True","reason":"NewReplicaSetAvailable"}]}}
        """)!;

    [Fact]
    public void A_deployment_rolling_out_is_not_ready_although_available()
    {
        Rule("apps/v1", "Deployment", Deployment(2, 2, 1, 1, 1)).Done.Should().BeTrue();
        Rule("apps/v1", "Deployment", Deployment(3, 2, 1, 1, 1)).State.Should().Contain("waiting for the spec update to be observed");
        Rule("apps/v1", "Deployment", Deployment(2, 2, 2, 1, 1)).State.Should().Contain("1 old replicas pending termination", "Available stays True while the old pod serves");
        Rule("apps/v1", "Deployment", Deployment(2, 2, 1, 0, 1)).State.Should().Contain("0 of 1 new replicas updated");
        Rule("apps/v1", "Deployment", Deployment(2, 2, 1, 1, 1, "False")).Done.Should().BeFalse();
    }

    [Fact]
    public void A_stateful_set_is_ready_when_observed_ready_and_on_its_update_revision()
    {
        static JsonNode Sts(long observed, long ready, string current, string update) => JsonNode.Parse($$$"""
            {"metadata":{"generation":1},"spec":{"replicas":1,"updateStrategy":{"type":"RollingUpdate"}},
             "status":{"observedGeneration":{{{observed}}},"replicas":1,"readyReplicas":{{{ready}}},"updatedReplicas":1,"currentRevision":"{{{current}}}","updateRevision":"{{{update}}}"}}
            """)!;
        Rule("apps/v1", "StatefulSet", Sts(1, 1, "p-7c9", "p-7c9")).Done.Should().BeTrue();
        Rule("apps/v1", "StatefulSet", Sts(0, 1, "p-7c9", "p-7c9")).Done.Should().BeFalse();
        Rule("apps/v1", "StatefulSet", Sts(1, 0, "p-7c9", "p-7c9")).State.Should().Contain("1 replicas not ready");
        Rule("apps/v1", "StatefulSet", Sts(1, 1, "p-7c9", "p-8d1")).Done.Should().BeFalse("the rolling update is not complete");
    }

    [Fact]
    public void A_gateway_is_programmed_only_for_its_current_generation()
    {
        static JsonNode Gateway(string status, long observed) => JsonNode.Parse($$$"""
            {"metadata":{"generation":2},"status":{"conditions":[{"type":"Accepted","status":"True","observedGeneration":2},
              {"type":"Programmed","status":"{{{status}}}","observedGeneration":{{{observed}}},"reason":"Programmed","message":"Address assigned to the Gateway, 1/1 envoy replicas available"}]}}
            """)!;
        Rule("gateway.networking.k8s.io/v1", "Gateway", Gateway("True", 2)).Done.Should().BeTrue();
        Rule("gateway.networking.k8s.io/v1", "Gateway", Gateway("True", 1)).State.Should().Contain("describes generation 1");
        Rule("gateway.networking.k8s.io/v1", "Gateway", Gateway("False", 2)).Done.Should().BeFalse();
        Rule("gateway.networking.k8s.io/v1", "Gateway", JsonNode.Parse("""{"metadata":{"generation":1},"status":{}}""")!).Done.Should().BeFalse();
    }

    [Fact]
    public void The_feature_asks_each_component_of_the_one_table_for_exactly_what_its_phases_wait_for()
    {
        var feature = File.ReadAllText(Path.Combine(RunPaths.RequireRepositoryRoot(), "Features", "Platform", "platform-ready.feature"));
        var components = RepositoryComponents();
        var outlines = new Parser().Parse(new StringReader(feature)).Feature.Children.OfType<Scenario>()
            .Where(s => s.Examples.Any()).ToDictionary(s => s.Name,
                s => s.Examples.SelectMany(e => e.TableBody).Select(r => r.Cells.First().Value).ToList());

        var withCrds = outlines.Single(o => o.Key == "The <component> component is ready").Value;
        var withoutCrds = outlines.Single(o => o.Key.Contains("owns no custom resource definition")).Value;
        withCrds.Should().BeEquivalentTo(components.All.Where(c => c.Crds.Count > 0).Select(c => c.Name));
        withoutCrds.Should().BeEquivalentTo(components.All.Where(c => c.Crds.Count == 0).Select(c => c.Name));
        components.All.Should().OnlyContain(c => c.Deployments.Count > 0, "every component's deployment step has something to check");
        outlines.Single(o => o.Key.StartsWith("The Gateway", StringComparison.Ordinal)).Value.Should().BeEquivalentTo(components.Gateways);
        feature.Should().Contain($"the StatefulSet {PlatformComponents.PrometheusStatefulSet} is ready");
    }

    [Fact]
    public void Every_phase_that_waits_for_a_deployment_or_a_crd_belongs_to_a_component_of_the_table()
    {
        var grouped = PlatformComponents.Grouping.SelectMany(g => g.Phases).ToList();
        grouped.Should().OnlyHaveUniqueItems();
        var phases = RepositoryPhases();
        phases.Where(p => p.Requirements.Any(r => r is DeploymentAvailable or CrdEstablished)).Select(p => p.Name)
            .Should().BeSubsetOf(grouped, "a phase's Deployments and CRDs are part of what the readiness feature checks");
        RepositoryComponents().Named("observability").Deployments.Select(d => d.Name).Should().Equal("jaeger", "kiali");
    }

    private static IReadOnlyList<PlatformPhase> RepositoryPhases()
    {
        using var provisioner = new Provisioner(new RunContext(new InferenceBoxSettings(), new LiveProgress(useTerminal: false), "test", Path.GetTempPath()));
        return provisioner.Phases();
    }

    private static PlatformComponents RepositoryComponents() => new(RepositoryPhases());
}

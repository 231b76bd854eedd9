using System.Text.Json.Nodes;
using InferenceBox.Platform.Waiting;
using InferenceBox.Platform.Cluster;

namespace InferenceBox.Specs.Tests.Cluster;

/// <summary>The one readiness rule per kind, on objects shaped as each kind's controller writes them.</summary>
public sealed class ReadinessRulesTests
{
    private static JsonObject Json(string json) => (JsonObject)JsonNode.Parse(json)!;

    // KServe 0.15.2 Serverless copies status.observedGeneration from the Knative Service
    // (kserve/kserve@v0.15.2 pkg/apis/serving/v1beta1/inference_service_status.go, PropagateStatus).
    private static JsonObject Isvc(long generation, long ksvcObserved, string ready = "True", string latestReady = "sklearn-iris-predictor-00002") => Json("""
        {"apiVersion":"serving.kserve.io/v1beta1","kind":"InferenceService",
         "metadata":{"name":"sklearn-iris","namespace":"tenant-a","generation":GEN},
         "status":{"observedGeneration":OBS,
           "conditions":[{"type":"PredictorReady","status":"READY"},{"type":"Ready","status":"READY"}],
           "components":{"predictor":{"latestCreatedRevision":"sklearn-iris-predictor-00002","latestReadyRevision":"LATEST"}}}}
        """.Replace("GEN", generation.ToString()).Replace("OBS", ksvcObserved.ToString()).Replace("READY", ready).Replace("LATEST", latestReady));

    [Theory]
    [InlineData(2, 3)]
    [InlineData(3, 1)]
    public void A_ready_InferenceService_is_ready_whatever_generation_the_Knative_Service_reports(long generation, long ksvcObserved) =>
        ReadinessRules.Of(Isvc(generation, ksvcObserved)).Done.Should().BeTrue();

    [Fact]
    public void An_InferenceService_whose_newest_revision_is_not_ready_is_not_ready()
    {
        ReadinessRules.Of(Isvc(2, 2, latestReady: "sklearn-iris-predictor-00001")).Should()
            .Match<WaitVerdict>(v => !v.Done && v.State.Contains("revision sklearn-iris-predictor-00002 created, ready is sklearn-iris-predictor-00001"));
        ReadinessRules.Of(Isvc(2, 2, ready: "False")).Done.Should().BeFalse();
        ReadinessRules.Of(Isvc(2, 2, ready: "Unknown")).Done.Should().BeFalse("only Ready=True is ready");
    }

    // kubectl rollout status (kubernetes staging/src/k8s.io/kubectl/pkg/polymorphichelpers/rollout_status.go): during a
    // rollout the Deployment controller has observed the generation and Available stays True, with one new replica
    // updated and the old one still there.
    [Theory]
    [InlineData(2, 2, 1, 1, false, "1 old replicas pending termination")]
    [InlineData(2, 1, 1, 1, false, "spec update to be observed")]
    [InlineData(1, 2, 0, 0, false, "0 of 1 new replicas updated")]
    [InlineData(1, 2, 1, 0, false, "0 of 1 updated replicas available")]
    [InlineData(1, 2, 1, 1, true, "Available=True")]
    public void A_Deployment_is_ready_when_rolled_out_and_Available(long replicas, long observed, long updated, long available, bool ready, string state)
    {
        var deployment = Json("""
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"envoy-gateway","namespace":"envoy-gateway-system","generation":2},
             "spec":{"replicas":1},
             "status":{"observedGeneration":OBS,"replicas":REPLICAS,"updatedReplicas":UPDATED,"availableReplicas":AVAILABLE,
               "conditions":[{"type":"Available","status":"True","reason":"MinimumReplicasAvailable"}]}}
            """.Replace("OBS", observed.ToString()).Replace("REPLICAS", replicas.ToString()).Replace("UPDATED", updated.ToString())
            .Replace("AVAILABLE", available.ToString()));

        var verdict = ReadinessRules.Of(deployment);

        verdict.Done.Should().Be(ready, verdict.State);
        verdict.State.Should().Contain(state);
    }

    [Fact]
    public void A_Gateway_is_ready_when_Programmed_for_its_current_generation()
    {
        JsonObject Gateway(long conditionGeneration) => Json("""
            {"apiVersion":"gateway.networking.k8s.io/v1","kind":"Gateway","metadata":{"name":"inference-gateway","namespace":"envoy-gateway-system","generation":2},
             "status":{"conditions":[{"type":"Accepted","status":"True","observedGeneration":2},
                                     {"type":"Programmed","status":"True","observedGeneration":OBS}]}}
            """.Replace("OBS", conditionGeneration.ToString()));

        ReadinessRules.Of(Gateway(2)).Done.Should().BeTrue();
        ReadinessRules.Of(Gateway(1)).Should().Match<WaitVerdict>(v => !v.Done && v.State.Contains("Programmed describes generation 1, the spec is at 2"));
    }

    [Fact]
    public void A_CRD_is_ready_when_Established_and_an_absent_object_is_not()
    {
        ReadinessRules.Of(Json("""
            {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition","metadata":{"name":"gateways.gateway.networking.k8s.io","generation":1},
             "status":{"conditions":[{"type":"NamesAccepted","status":"True"},{"type":"Established","status":"True"}]}}
            """)).Done.Should().BeTrue();
        ReadinessRules.Of(null).Should().Be(new WaitVerdict(false, "not found"));
    }

    // kubectl rollout status for a DaemonSet (rollout_status.go DaemonSetStatusViewer), status as the DaemonSet controller
    // writes it (pkg/controller/daemon/daemon_controller.go updateDaemonSetStatus); no pod wanted is not ready.
    [Theory]
    [InlineData(2, 1, 1, 1, 1, false, "waiting for the spec update to be observed")]
    [InlineData(1, 1, 0, 0, 0, false, "no node wants a pod of it")]
    [InlineData(2, 2, 1, 0, 1, false, "rollout: 0 of 1 new pods updated")]
    [InlineData(1, 1, 1, 1, 0, false, "rollout: 0 of 1 updated pods available")]
    [InlineData(3, 3, 1, 1, 1, true, "desired 1 (updated 1, available 1, ready 1)")]
    public void A_DaemonSet_is_rolled_out_when_its_generation_is_observed_and_every_wanted_pod_is_updated_and_available(
        long generation, long observed, long desired, long updated, long available, bool done, string state)
    {
        var verdict = ReadinessRules.Of(Json($$$"""
            {"apiVersion":"apps/v1","kind":"DaemonSet","metadata":{"name":"istio-cni-node","namespace":"istio-system","generation":{{{generation}}}},
             "status":{"observedGeneration":{{{observed}}},"desiredNumberScheduled":{{{desired}}},"updatedNumberScheduled":{{{updated}}},
                       "numberAvailable":{{{available}}},"numberReady":{{{available}}}}}
            """));

        verdict.Done.Should().Be(done);
        verdict.State.Should().Contain(state);
    }
}

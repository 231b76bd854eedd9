using System.Text.Json;
using InferenceBox.Specs.Support.Serving;

namespace InferenceBox.Specs.Tests.Serving;

/// <summary>
/// What InferenceServiceState reads from an InferenceService object: missing parts read as "Unknown", zero or null, and the
/// Ready condition's own fields are kept (whether it is ready is src/InferenceBox.Platform/Cluster/ReadinessRules' one rule, tested there).
/// </summary>
public sealed class InferenceServiceStateParseTests
{
    [Fact]
    public void A_fresh_object_without_status_is_not_ready_and_reads_as_unknown()
    {
        using var json = JsonDocument.Parse("""{"metadata":{"name":"m","generation":1},"spec":{"predictor":{"minReplicas":0,"model":{"storageUri":"pvc://models/m/v1"},"canaryTrafficPercent":20}}}""");

        var state = InferenceServiceState.Parse(json.RootElement);

        state.Should().BeEquivalentTo(new
        {
            Generation = 1L, ObservedGeneration = 0L, Ready = "Unknown", ReadyMessage = (string?)null,
            LatestReadyRevision = (string?)null, LatestRolledoutRevision = (string?)null, MinReplicas = (int?)0,
            StorageUri = "pvc://models/m/v1", CanaryTrafficPercent = (long?)20,
        });
        state.Traffic.Should().BeEmpty();
        state.Annotations.Should().BeEmpty();
    }

    [Fact]
    public void The_ready_condition_is_found_among_the_others_and_its_fields_are_kept()
    {
        using var json = JsonDocument.Parse("""
        {"metadata":{"generation":2,"annotations":{"a":"1"}},
         "spec":{"predictor":{"model":{}}},
         "status":{"observedGeneration":2,
           "conditions":[{"type":"IngressReady","status":"False","message":"not this one"},{"type":"Ready","status":"True"}],
           "components":{"predictor":{"latestReadyRevision":"m-predictor-00002","latestRolledoutRevision":"m-predictor-00002",
             "traffic":[{"revisionName":"m-predictor-00002","latestRevision":true,"percent":100}]}}}}
        """);

        var state = InferenceServiceState.Parse(json.RootElement);

        state.Ready.Should().Be("True");
        state.ReadyMessage.Should().BeNull("the message of another condition is not Ready's");
        (state.LatestReadyRevision, state.LatestRolledoutRevision).Should().Be(("m-predictor-00002", "m-predictor-00002"));
        state.Traffic.Should().Equal(new TrafficTarget("m-predictor-00002", 100, true, null));
        state.Annotations.Should().Equal(new Dictionary<string, string> { ["a"] = "1" });
        (state.MinReplicas, state.StorageUri, state.CanaryTrafficPercent).Should().Be(((int?)null, (string?)null, (long?)null));
    }

    [Fact]
    public void A_Ready_condition_without_status_is_unknown_and_a_target_without_latestRevision_is_not_the_latest()
    {
        using var json = JsonDocument.Parse("""
        {"metadata":{"generation":1},"status":{"conditions":[{"type":"Ready","reason":"Pending"}],
          "components":{"predictor":{"traffic":[{"revisionName":"m-predictor-00001","percent":100}]}}}}
        """);

        var state = InferenceServiceState.Parse(json.RootElement);

        state.Ready.Should().Be("Unknown");
        state.Traffic.Should().Equal(new TrafficTarget("m-predictor-00001", 100, false, null));
    }
}

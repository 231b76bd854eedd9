using System.Text.Json;
using InferenceBox.Specs.Support.Serving;

namespace InferenceBox.Specs.Tests.Serving;

public sealed class ServingStateTests
{
    [Fact]
    public void Autoscaler_budget_comes_from_live_config_with_the_revision_window_winning()
    {
        var config = AutoscalerConfig.From(new Dictionary<string, string>
        {
            ["scale-to-zero-grace-period"] = "6s", ["stable-window"] = "1m30s", ["scale-to-zero-pod-retention-period"] = "0s",
        }, new Dictionary<string, string> { [AutoscalerConfig.WindowAnnotation] = "6s" });
        config.Should().Be(new AutoscalerConfig(TimeSpan.FromSeconds(6), TimeSpan.FromSeconds(6), TimeSpan.Zero, TimeSpan.Zero));
        config.ScaleToZeroBudget(TimeSpan.FromSeconds(60)).Should().Be(TimeSpan.FromSeconds(72));
        AutoscalerConfig.From(null).Should().Be(new AutoscalerConfig(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60), TimeSpan.Zero, TimeSpan.Zero), "Knative's defaults apply");
        var bad = () => AutoscalerConfig.From(new Dictionary<string, string> { ["stable-window"] = "six" });
        bad.Should().Throw<FormatException>().WithMessage("*stable-window*'six'*");
    }

    [Fact]
    public void Inference_service_state_reads_generation_readiness_and_canary_traffic()
    {
        using var json = JsonDocument.Parse("""
        {"apiVersion":"serving.kserve.io/v1beta1","kind":"InferenceService",
         "metadata":{"name":"sklearn-iris","namespace":"tenant-a","generation":3,"resourceVersion":"9812",
                     "annotations":{"autoscaling.knative.dev/window":"6s"}},
         "status":{"observedGeneration":2,
           "conditions":[{"type":"PredictorReady","status":"True"},{"type":"Ready","status":"False","message":"Revision missing"}],
           "components":{"predictor":{"latestReadyRevision":"sklearn-iris-predictor-00002","latestRolledoutRevision":"sklearn-iris-predictor-00001",
             "traffic":[{"revisionName":"sklearn-iris-predictor-00002","latestRevision":true,"percent":20},
                        {"revisionName":"sklearn-iris-predictor-00001","latestRevision":false,"percent":80,"tag":"prev"}]}}}}
        """);
        var state = InferenceServiceState.Parse(json.RootElement);
        state.Ready.Should().Be("False");
        state.ToString().Should().Contain("observedGeneration 2").And.Contain("Revision missing");
        state.Traffic.Select(t => t.Percent).Should().Equal(20, 80);
        state.Traffic[1].Tag.Should().Be("prev");
        state.Annotations[AutoscalerConfig.WindowAnnotation].Should().Be("6s");
        ServingScenario.IsCanarySplit(state, 20, 80).Should().BeTrue();
        ServingScenario.IsCanarySplit(state, 80, 20).Should().BeFalse("the canary share belongs to the latest revision");
        ServingScenario.IsCanarySplit(state with { Traffic = [state.Traffic[0] with { Percent = 100 }] }, 20, 80).Should().BeFalse();
    }
}

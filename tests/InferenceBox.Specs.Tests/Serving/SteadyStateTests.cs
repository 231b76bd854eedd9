using InferenceBox.Specs.Support.Gateway;
using InferenceBox.Specs.Support.Serving;

namespace InferenceBox.Specs.Tests.Serving;

/// <summary>
/// Issue 17 items 13 and 14: the shared models' steady state, checked before any scenario, and the cold-start judge
/// on the scaled "cold-start" budget.
/// </summary>
public sealed class SteadyStateTests
{
    private const string V1 = "pvc://models/sklearn/iris/v1", V2 = "pvc://models/sklearn/iris/v2";

    private static InferenceServiceState State(string storageUri, long? canary, params TrafficTarget[] traffic) =>
        new(3, 3, "True", null, "sklearn-iris-predictor-00003", "sklearn-iris-predictor-00003", traffic, new Dictionary<string, string>(), 0, storageUri, canary);

    [Fact]
    public void Only_v1_at_100_percent_without_a_canary_is_the_steady_state()
    {
        SteadyState.WhyNot(State(V1, null, new TrafficTarget("sklearn-iris-predictor-00003", 100, true, null)), V1).Should().BeNull();
        SteadyState.WhyNot(State(V1, null, new TrafficTarget("sklearn-iris-predictor-00003", 100, true, null), new TrafficTarget("sklearn-iris-predictor-00002", 0, false, "prev")), V1)
            .Should().BeNull("a tagged previous revision at 0% serves nothing");
        SteadyState.WhyNot(State(V2, null, new TrafficTarget("sklearn-iris-predictor-00003", 100, true, null)), V1).Should().Contain($"storageUri {V2}");
        SteadyState.WhyNot(State(V2, 20, new TrafficTarget("sklearn-iris-predictor-00003", 20, true, null), new TrafficTarget("sklearn-iris-predictor-00002", 80, false, "prev")), V1)
            .Should().Contain("canaryTrafficPercent 20").And.Contain("not 100% to the latest revision");
    }

    [Fact]
    public void A_cold_start_is_judged_on_the_scaled_budget_in_one_attempt()
    {
        var budget = new InferenceBox.Platform.Waiting.WaitBudgets(2.0)[InferenceBox.Platform.Waiting.WaitBudgets.Names.ColdStart];
        budget.Should().Be(TimeSpan.FromSeconds(120), "INFERENCEBOX_TIMEOUT_SCALE stretches the cold-start budget like every other");
        var exchange = new GatewayExchange("POST", new Uri("http://127.0.0.1:8080/tenant-a/sklearn-iris/v1/models/sklearn-iris:predict"), 200,
            new Dictionary<string, string>(), "{\"predictions\": [1, 1]}", TimeSpan.FromSeconds(90), "r1", null);
        ServingScenario.WhyNotColdStartWithin(new ProbeAnswer(exchange, "v1"), "v1", budget).Should().BeNull();
        ServingScenario.WhyNotColdStartWithin(new ProbeAnswer(exchange, "v1"), "v1", TimeSpan.FromSeconds(60)).Should().Contain("beyond the cold-start budget of 60 s");
        ServingScenario.WhyNotColdStartWithin(new ProbeAnswer(exchange with { Attempts = 2 }, "v1"), "v1", budget).Should().Contain("2 attempts");
        ServingScenario.WhyNotColdStartWithin(new ProbeAnswer(exchange, "v2"), "v1", budget).Should().Contain("not v1");
    }

    [Fact]
    public void The_scale_to_zero_feature_names_the_budget_not_a_literal()
    {
        var feature = File.ReadAllText(Path.Combine(InferenceBox.Platform.Run.RunPaths.RequireRepositoryRoot(), "Features", "Serving", "scale-to-zero.feature"));
        feature.Should().Contain("within the cold-start budget").And.NotMatchRegex(@"budget of \d+ seconds");
    }
}

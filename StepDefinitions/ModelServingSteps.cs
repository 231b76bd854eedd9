using FluentAssertions;
using InferenceBox.Specs.Support.Gateway;
using Reqnroll;

namespace InferenceBox.Specs.StepDefinitions;

/// <summary>Model serving smoke: the catalog's models answer their probes through the gateway.</summary>
[Binding]
public sealed class ModelServingSteps(ModelProber prober)
{
    [When(@"^every default model of the catalog is sent its probe through the gateway over (V1|V2)$")]
    public Task EveryDefaultModelIsProbed(string protocol) => prober.ProbeDefaultsAsync(protocol.ToLowerInvariant());

    [When(@"^every opt-in model of the catalog is asked through the gateway whether it is ready$")]
    public Task EveryExtraIsAskedIfReady() => prober.CheckExtrasReadyAsync();

    [Then(@"^every model answers 200 with its expected output$")]
    [Then(@"^every model reports ready$")]
    public void EveryModelAnswersAsExpected() =>
        (prober.LastCatalogCheck ?? throw new InvalidOperationException("No catalog model was probed in this scenario.")).Problems
            .Should().BeEmpty(prober.LastCatalogCheck.ToString());
}

using FluentAssertions;
using InferenceBox.Specs.Support.Gateway;
using Reqnroll;

namespace InferenceBox.Specs.StepDefinitions;

/// <summary>Per-tenant local rate limits: bursts, the 429s they meet, and the window after which a tenant is served again.</summary>
[Binding]
public sealed class RateLimitSteps(TenantTraffic traffic, IReqnrollOutputHelper output)
{
    [When("{tenant} sends {int} probes through the gateway to {tenant}'s {word}")]
    [When("{tenant} sends a burst of {int} probes through the gateway to {tenant}'s {word}")]
    public Task SendsABurst(Tenant caller, int count, Tenant owner, string model) => traffic.SendBurstAsync(caller, owner, model, count);

    [Then("all {int} of {tenant}'s probes are answered 200")]
    public void AllPass(int count, Tenant caller) =>
        BurstSummary.Of(traffic.BurstOf(caller)).Should().Match<BurstSummary>(s => s.Sent == count && s.Passed == count, "every request is under the limit");

    [Then("as many of {tenant}'s probes pass as a bucket of {int} per minute allows in the burst's measured time, and the rest are refused with 429")]
    public void PassesFitTheBucket(Tenant caller, int perMinute)
    {
        var burst = traffic.BurstOf(caller);
        var (summary, bounds) = (BurstSummary.Of(burst), PassBounds.For(TokenBucket.PerMinute(perMinute), burst.Count, BurstTiming.Of(burst)));
        output.WriteLine($"{summary}; {bounds}");
        bounds.WhyNot(summary).Should().BeNull();
    }

    [Then("every answer to {tenant} other than 200 is the local rate limiter's 429: body \"local_rate_limited\", no rate-limit headers")]
    public void EveryRefusalIsTheLocalRateLimit(Tenant caller) =>
        BurstSummary.Of(traffic.BurstOf(caller)).Others.Should().BeEmpty("the gateway's local rate limiter is the only layer that may refuse a burst");

    [Then("{tenant} is served by {tenant}'s {word} again within the rate-limit window")]
    public async Task ServedAgain(Tenant caller, Tenant owner, string model) =>
        (await traffic.ServedAgainAsync(caller, owner, model)).WhyNot.Should().BeNull();

    [Given("as a control, {tenant} is served the catalog's prediction by its {word} through the gateway within the rate-limit window")]
    public async Task ControlServed(Tenant tenant, string model)
    {
        await traffic.HoldValidTokenAsync(tenant);
        var served = await traffic.ServedAgainAsync(tenant, tenant, model);
        served.WhyNot.Should().BeNull();
        GatewayDriver.V1Predictions(served.Value!).Should().Equal(ModelProber.SteadyStateVersion(tenant, model).ExpectedOutput);
    }
}

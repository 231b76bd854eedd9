using FluentAssertions;
using InferenceBox.Specs.Support.Gateway;
using Reqnroll;

namespace InferenceBox.Specs.StepDefinitions;

/// <summary>Per-tenant local rate limits: bursts, the 429s they meet, and the window after which a tenant is served again.</summary>
[Binding]
public sealed class RateLimitSteps(TenantTraffic traffic, IReqnrollOutputHelper output)
{
    [When(@"^(tenant-[a-z0-9]+) sends (\d+) probes through the gateway to (tenant-[a-z0-9]+)'s ([a-z0-9-]+)$")]
    [When(@"^(tenant-[a-z0-9]+) sends a burst of (\d+) probes through the gateway to (tenant-[a-z0-9]+)'s ([a-z0-9-]+)$")]
    public Task SendsABurst(string caller, int count, string owner, string model) => traffic.SendBurstAsync(caller, owner, model, count);

    [Then(@"^all (\d+) of (tenant-[a-z0-9]+)'s probes are answered 200$")]
    public void AllPass(int count, string caller) =>
        BurstSummary.Of(traffic.BurstOf(caller)).Should().Match<BurstSummary>(s => s.Sent == count && s.Passed == count, "every request is under the limit");

    [Then(@"^as many of (tenant-[a-z0-9]+)'s probes pass as a bucket of (\d+) per minute allows in the burst's measured time, and the rest are refused with 429$")]
    public void PassesFitTheBucket(string caller, int perMinute)
    {
        var burst = traffic.BurstOf(caller);
        var (summary, bounds) = (BurstSummary.Of(burst), PassBounds.For(TokenBucket.PerMinute(perMinute), burst.Count, BurstTiming.Of(burst)));
        output.WriteLine($"{summary}; {bounds}");
        bounds.WhyNot(summary).Should().BeNull();
    }

    [Then(@"^every answer to (tenant-[a-z0-9]+) other than 200 is the local rate limiter's 429: body ""local_rate_limited"", no rate-limit headers$")]
    public void EveryRefusalIsTheLocalRateLimit(string caller) =>
        BurstSummary.Of(traffic.BurstOf(caller)).Others.Should().BeEmpty("the gateway's local rate limiter is the only layer that may refuse a burst");

    [Then(@"^(tenant-[a-z0-9]+) is served by (tenant-[a-z0-9]+)'s ([a-z0-9-]+) again within the rate-limit window$")]
    public Task ServedAgain(string caller, string owner, string model) => traffic.WaitUntilServedAsync(caller, owner, model);

    [Given(@"^as a control, (tenant-[a-z0-9]+) is served the catalog's prediction by its ([a-z0-9-]+) through the gateway within the rate-limit window$")]
    public async Task ControlServed(string tenant, string model)
    {
        await traffic.HoldValidTokenAsync(tenant);
        var answer = await traffic.WaitUntilServedAsync(tenant, tenant, model);
        GatewayDriver.V1Predictions(answer).Should().Equal(ModelProber.SteadyStateVersion(tenant, model).ExpectedOutput);
    }
}

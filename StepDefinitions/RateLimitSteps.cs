using FluentAssertions;
using InferenceBox.Specs.Support.Gateway;
using Reqnroll;

namespace InferenceBox.Specs.StepDefinitions;

/// <summary>Per-tenant local rate limits: bursts, the 429s they meet, and the window after which a tenant is served again.</summary>
[Binding]
public sealed class RateLimitSteps(TenantTraffic traffic)
{
    [When(@"^(tenant-[a-z0-9]+) sends (\d+) probes through the gateway to (tenant-[a-z0-9]+)'s ([a-z0-9-]+)$")]
    [When(@"^(tenant-[a-z0-9]+) sends a burst of (\d+) probes through the gateway to (tenant-[a-z0-9]+)'s ([a-z0-9-]+)$")]
    public Task SendsABurst(string caller, int count, string owner, string model) => traffic.SendBurstAsync(caller, owner, model, count);

    [Then(@"^all (\d+) of (tenant-[a-z0-9]+)'s probes are answered 200$")]
    public void AllPass(int count, string caller) =>
        BurstSummary.Of(traffic.BurstOf(caller)).Should().Match<BurstSummary>(s => s.Sent == count && s.Passed == count, "every request is under the limit");

    [Then(@"^at least one of (tenant-[a-z0-9]+)'s probes is refused with 429, and no more than (\d+) are answered 200$")]
    public void SomeAreLimited(string caller, int maxPassed) =>
        BurstSummary.Of(traffic.BurstOf(caller)).Should().Match<BurstSummary>(s => s.Limited >= 1 && s.Passed <= maxPassed);

    [Then(@"^every answer to (tenant-[a-z0-9]+) other than 200 is the local rate limiter's 429: body ""local_rate_limited"", no rate-limit headers$")]
    public void EveryRefusalIsTheLocalRateLimit(string caller) =>
        BurstSummary.Of(traffic.BurstOf(caller)).Others.Should().BeEmpty("the gateway's local rate limiter is the only layer that may refuse a burst");

    [Then(@"^(tenant-[a-z0-9]+) is served by (tenant-[a-z0-9]+)'s ([a-z0-9-]+) again within the rate-limit window$")]
    public Task ServedAgain(string caller, string owner, string model) => traffic.WaitUntilServedAsync(caller, owner, model);
}

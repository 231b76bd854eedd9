using FluentAssertions;
using InferenceBox.Specs.Support.AiGateway;
using Reqnroll;

namespace InferenceBox.Specs.StepDefinitions;

/// <summary>The AI gateway's token accounting: the per-tenant token budget (<see cref="TokenBudgetJudge"/>) and the token metrics (<see cref="TokenMetrics"/>).</summary>
[Binding]
public sealed class AiGatewayBudgetSteps(AiGatewayTraffic traffic, IReqnrollOutputHelper output)
{
    [When(@"^(tenant-[a-z0-9]+) spends its token budget on its chat model through the AI gateway$")]
    public Task SpendsItsBudget(string tenant) => traffic.SpendBudgetAsync(tenant);

    [Then(@"^(tenant-[a-z0-9]+) was served until its answers in the window had reported more than its budget of (\d+) tokens a minute, and then refused, the gateway counting exactly the tokens its answers reported$")]
    public void ServedUntilTheBudgetWasSpent(string tenant, long limit)
    {
        var verdict = TokenBudgetJudge.Judge(traffic.SpentBy(tenant), new TokenBudget(limit, 60));
        output.WriteLine(verdict.ToString());
        verdict.Problems.Should().BeEmpty(verdict.ToString());
    }

    [Then(@"^every refusal of (tenant-[a-z0-9]+) is the global rate limiter's 429 with the budget's X-RateLimit headers$")]
    public void RefusalsAreTheBudgets(string tenant) =>
        traffic.SpentBy(tenant).Where(a => a.StatusCode != 200)
            .SelectMany(a => TokenBudgetJudge.RefusalProblems(a, TokenBudget.PerTenant).Select(p => $"request id {a.RequestId}: {p}"))
            .Should().BeEmpty();

    [Then(@"^(tenant-[a-z0-9]+)'s chat model still serves (tenant-[a-z0-9]+) before (tenant-[a-z0-9]+)'s refused window ends$")]
    public async Task AnotherTenantServed(string owner, string caller, string refused)
    {
        var refusal = traffic.SpentBy(refused)[^1];
        var served = await traffic.AskAsync(caller, AiGatewayTraffic.Catalog.OfTenant(owner).Model);
        TokenBudgetJudge.ServedWhileRefused(refusal, served).Should().BeNull();
        AiGatewayAnswers.ChatProblems(served, AiGatewayTraffic.Catalog.OfTenant(owner)).Should().BeEmpty();
    }

    [Then(@"^(tenant-[a-z0-9]+) is served by its chat model again within the rate-limit window$")]
    public Task ServedAgain(string tenant) => traffic.WaitUntilServedAsync(tenant);

    [Given(@"^the AI gateway's token counters of (tenant-[a-z0-9]+)'s chat model are noted$")]
    public Task CountersNoted(string tenant) => traffic.NoteTokenCountersAsync(AiGatewayTraffic.Catalog.OfTenant(tenant).Model);

    [Then(@"^the AI gateway's token counters of (tenant-[a-z0-9]+)'s chat model rose by exactly the tokens its answers reported, per token type, and their counts by the number of answers$")]
    public async Task CountersRose(string tenant)
    {
        var reported = ReportedTokens.Of(traffic.AnswersSinceCountersNoted);
        var (sums, counts) = await traffic.TokenCounterRiseAsync(AiGatewayTraffic.Catalog.OfTenant(tenant).Model, reported);
        output.WriteLine($"{reported}; rises: {sums.Query} = {string.Join(", ", sums.Samples)}; {string.Join(", ", counts.Samples)}");
        TokenMetrics.Problems(reported, sums, counts).Should().BeEmpty();
    }
}

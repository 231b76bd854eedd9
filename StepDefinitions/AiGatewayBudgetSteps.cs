using FluentAssertions;
using InferenceBox.Specs.Support.AiGateway;
using Reqnroll;

namespace InferenceBox.Specs.StepDefinitions;

/// <summary>The AI gateway's token accounting: the per-tenant token budget (<see cref="TokenBudgetJudge"/>) and the token metrics (<see cref="TokenMetrics"/>).</summary>
[Binding]
public sealed class AiGatewayBudgetSteps(AiGatewayTraffic traffic, IReqnrollOutputHelper output)
{
    [When("{tenant} spends its token budget on its chat model through the AI gateway")]
    public Task SpendsItsBudget(Tenant tenant) => traffic.SpendBudgetAsync(tenant);

    [Then("{tenant} was served until its answers in the window had reported more than its budget of {long} tokens a minute, and then refused, the gateway counting exactly the tokens its answers reported")]
    public void ServedUntilTheBudgetWasSpent(Tenant tenant, long limit)
    {
        var verdict = TokenBudgetJudge.Judge(traffic.SpentBy(tenant), new TokenBudget(limit, 60));
        output.WriteLine(verdict.ToString());
        verdict.Problems.Should().BeEmpty(verdict.ToString());
    }

    [Then("every refusal of {tenant} is the global rate limiter's 429 with the budget's X-RateLimit headers")]
    public void RefusalsAreTheBudgets(Tenant tenant) =>
        traffic.SpentBy(tenant).Where(a => a.StatusCode != 200)
            .SelectMany(a => TokenBudgetJudge.RefusalProblems(a, TokenBudget.PerTenant).Select(p => $"request id {a.RequestId}: {p}"))
            .Should().BeEmpty();

    [Then("{tenant}'s chat model still serves {tenant} before {tenant}'s refused window ends")]
    public async Task AnotherTenantServed(Tenant owner, Tenant caller, Tenant refused)
    {
        var refusal = traffic.SpentBy(refused)[^1];
        var served = await traffic.AskAsync(caller, AiGatewayTraffic.Catalog.OfTenant(owner).Model);
        TokenBudgetJudge.ServedWhileRefused(refusal, served).Should().BeNull();
        AiGatewayAnswers.ChatProblems(served, AiGatewayTraffic.Catalog.OfTenant(owner)).Should().BeEmpty();
    }

    [Then("{tenant} is served by its chat model again within the rate-limit window")]
    public async Task ServedAgain(Tenant tenant) => (await traffic.ServedAsync(tenant)).WhyNot.Should().BeNull();

    [Given("the AI gateway's token counters of {tenant}'s chat model are noted")]
    public Task CountersNoted(Tenant tenant) => traffic.NoteTokenCountersAsync(AiGatewayTraffic.Catalog.OfTenant(tenant).Model);

    [Then("the AI gateway's token counters of {tenant}'s chat model rose by exactly the tokens its answers reported, per token type, and their counts by the number of answers")]
    public async Task CountersRose(Tenant tenant)
    {
        var reported = ReportedTokens.Of(traffic.AnswersSinceCountersNoted);
        var (sums, counts) = await traffic.TokenCounterRiseAsync(AiGatewayTraffic.Catalog.OfTenant(tenant).Model, reported);
        output.WriteLine($"{reported}; rises: {sums.Query} = {string.Join(", ", sums.Samples)}; {string.Join(", ", counts.Samples)}");
        TokenMetrics.Problems(reported, sums, counts).Should().BeEmpty();
    }
}

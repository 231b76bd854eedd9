using FluentAssertions;
using InferenceBox.Specs.Support.Gateway;
using InferenceBox.Specs.Support.Gateway.GlobalLimit;
using Reqnroll;

namespace InferenceBox.Specs.StepDefinitions;

/// <summary>The gateway-wide global rate limit: a burst over two proxy replicas, and Redis down.</summary>
[Binding]
public sealed class GlobalRateLimitSteps(GlobalLimitDriver driver, TenantTraffic traffic, GatewayAccessLogReader accessLog, IReqnrollOutputHelper output)
{
    private IReadOnlyList<(GatewayExchange Exchange, string Tenant)> _burst = [];

    [Given(@"^the model gateway's proxy runs (\d+) replicas for this scenario$")]
    public Task ProxyReplicas(int replicas) => driver.ScaleProxyAsync(replicas);

    [Given(@"^Redis is down for this scenario$")]
    public Task RedisDown() => driver.StopRedisAsync();

    [When("{tenant} and {tenant} send a burst of {int} probes to their {word} over {int} connections")]
    public async Task Burst(Tenant first, Tenant second, int total, string model, int connections) =>
        _burst = await driver.BurstAsync([first, second], model, total, connections);

    [Then(@"^no window accepted more than the gateway-wide limit, every refusal is the global limiter's 429, and one proves the count is shared by both replicas and both tenants$")]
    public async Task JudgedGlobal()
    {
        var (problems, windows) = GlobalLimitJudge.Judge(await driver.AttributeAsync(_burst), GatewayWideLimit.Manifest);
        foreach (var window in windows) output.WriteLine(window.ToString());
        problems.Should().BeEmpty();
    }

    [Then("the gateway answered {tenant} with its rate-limit filter's 500, without reaching the model")]
    public async Task FailedClosed(Tenant tenant)
    {
        var answer = traffic.BurstOf(tenant).Last();
        FailClosedAnswer.WhyNot(answer, await accessLog.FindAsync(answer)).Should().BeNull();
    }

    [AfterScenario("global-rate-limit")]
    public Task Restore() => driver.RestoreAsync();
}

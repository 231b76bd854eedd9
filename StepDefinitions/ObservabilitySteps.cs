using FluentAssertions;
using InferenceBox.Specs.Support.Metrics;
using InferenceBox.Specs.Support.Observability;
using Reqnroll;

namespace InferenceBox.Specs.StepDefinitions;

[Binding]
public sealed class ObservabilitySteps(ObservabilityScenario scenario, IReqnrollOutputHelper output)
{
    [Given(@"^the request counters of (\S+) of (tenant-[a-z]+) are noted$")]
    public Task NoteCounters(string model, string tenant) => scenario.NoteCountersAsync(tenant, model);

    [When(@"^(\d+) probe requests are sent to (\S+) as (tenant-[a-z]+)$")]
    public Task SendAsTenant(int count, string model, string tenant) => scenario.SendAsync(tenant, model, count, withToken: true);

    [When(@"^(\d+) probe requests are sent to (\S+) of (tenant-[a-z]+) without a token$")]
    public Task SendWithoutToken(int count, string model, string tenant) => scenario.SendAsync(tenant, model, count, withToken: false);

    [Then(@"^all (\d+) requests as (tenant-[a-z]+) were answered with status 200 and the (\d+) without a token with status 401$")]
    public void StatusCodes(int answered, string tenant, int rejected)
    {
        scenario.WithToken.Select(a => a.Exchange.StatusCode).Should().HaveCount(answered).And.OnlyContain(c => c == 200, $"every request as {tenant} must be answered");
        scenario.WithoutToken.Select(a => a.Exchange.StatusCode).Should().HaveCount(rejected).And.OnlyContain(c => c == 401);
    }

    [Then(@"^the count of requests to (\S+) of (tenant-[a-z]+) answered with code (\d+) rises by at least (\d+)$")]
    public async Task AnsweredCountRises(string model, string tenant, int code, int atLeast) =>
        output.WriteLine($"{code} rise: {await scenario.WaitForRiseAsync(TenantMetricQueries.AnsweredSelectors(tenant, model, code), atLeast)}");

    [Then(@"^the gateway's count of (\d)xx answers, where Envoy counts the 401s, rises by at least (\d+)$")]
    public async Task GatewayClassCountRises(int statusClass, int atLeast) =>
        output.WriteLine($"{statusClass}xx rise: {await scenario.WaitForRiseAsync(TenantMetricQueries.GatewayAnswersOfClass(statusClass), atLeast)}");

    [When(@"^a probe request carrying its own traceparent is sent to (\S+) as (tenant-[a-z]+)$")]
    public async Task SendTraced(string model, string tenant) =>
        (await scenario.SendTracedAsync(tenant, model)).Exchange.StatusCode.Should().Be(200);

    [Then(@"^Jaeger finds that trace by its id, the model gateway's span the child of the client's, with Istio's ingress gateway and the predictor of (\S+) in (tenant-[a-z]+) below it$")]
    public async Task TraceFound(string model, string tenant) => output.WriteLine((await scenario.FindTraceAsync(tenant, model)).ToString());

    [Then(@"^every dashboard shipped in manifests/dashboards is provisioned in Grafana$")]
    public async Task DashboardsProvisioned() =>
        (await scenario.DashboardsAsync()).Where(d => d.Found?.Title != d.Title).Select(d => $"{d.Uid} '{d.Title}': found {d.Found?.Title ?? "nothing"}")
            .Should().BeEmpty("every shipped dashboard must be in Grafana under its uid and title");

    [Then(@"^Grafana reports its Prometheus datasource healthy$")]
    public async Task PrometheusDatasourceHealthy() =>
        (await scenario.PrometheusDatasourcesAsync()).Should().NotBeEmpty("Grafana must have a Prometheus datasource")
            .And.OnlyContain(d => d.Health.Healthy, "Grafana must reach Prometheus");

    [Then(@"^Kiali's graph of (tenant-[a-z]+) over the scenario's own window shows 2xx traffic from the gateway path into the (\S+) predictor workload$")]
    public async Task KialiShowsTraffic(string tenant, string model) =>
        output.WriteLine((await scenario.KialiEdgeAsync(tenant, model)).ToString());
}

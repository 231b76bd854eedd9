using FluentAssertions;
using InferenceBox.Specs.Support.Metrics;
using InferenceBox.Specs.Support.Observability;
using Reqnroll;

namespace InferenceBox.Specs.StepDefinitions;

/// <summary>Metrics, traces, Grafana and Kiali. The waits return verdicts the Then steps assert on; the When steps only act.</summary>
[Binding]
public sealed class ObservabilitySteps(ObservabilityScenario scenario, IReqnrollOutputHelper output)
{
    [Given("the request counters of {word} of {tenant} are noted")]
    public Task NoteCounters(string model, Tenant tenant) => scenario.NoteCountersAsync(tenant, model);

    [When("{int} probe requests are sent to {word} as {tenant}")]
    public Task SendAsTenant(int count, string model, Tenant tenant) => scenario.SendAsync(tenant, model, count, withToken: true);

    [When("{int} probe requests are sent to {word} of {tenant} without a token")]
    public Task SendWithoutToken(int count, string model, Tenant tenant) => scenario.SendAsync(tenant, model, count, withToken: false);

    [Then("all {int} requests as {tenant} were answered with status 200 and the {int} without a token with status 401")]
    public void StatusCodes(int answered, Tenant tenant, int rejected)
    {
        scenario.WithToken.Select(a => a.Exchange.StatusCode).Should().HaveCount(answered).And.OnlyContain(c => c == 200, $"every request as {tenant} must be answered");
        scenario.WithoutToken.Select(a => a.Exchange.StatusCode).Should().HaveCount(rejected).And.OnlyContain(c => c == 401);
    }

    [Then("the count of requests to {word} of {tenant} answered with code {int} rises by at least {int}")]
    public async Task AnsweredCountRises(string model, Tenant tenant, int code, int atLeast)
    {
        var rise = await scenario.RiseAsync(TenantMetricQueries.AnsweredSelectors(tenant, model, code), atLeast);
        output.WriteLine($"{code} rise: {rise}");
        rise.WhyNot.Should().BeNull();
    }

    [Then(@"^the gateway's count of (\d)xx answers, where Envoy counts the 401s, rises by at least (\d+)$")]
    public async Task GatewayClassCountRises(int statusClass, int atLeast)
    {
        var rise = await scenario.RiseAsync(TenantMetricQueries.GatewayAnswersOfClass(statusClass), atLeast);
        output.WriteLine($"{statusClass}xx rise: {rise}");
        rise.WhyNot.Should().BeNull();
    }

    [When("a probe request carrying its own traceparent is sent to {word} as {tenant}")]
    public Task SendTraced(string model, Tenant tenant) => scenario.SendTracedAsync(tenant, model);

    [Then("Jaeger finds that trace by its id, the model gateway's span the child of the client's, with Istio's ingress gateway and the predictor of {word} in {tenant} below it")]
    public async Task TraceFound(string model, Tenant tenant)
    {
        var traced = scenario.Traced ?? throw new InvalidOperationException("No traced request was sent in this scenario.");
        traced.Exchange.StatusCode.Should().Be(200, $"the traced request must be served to be traced through: {traced}");
        var trace = await scenario.TraceAsync(tenant, model);
        output.WriteLine(trace.ToString());
        trace.WhyNot.Should().BeNull();
    }

    [Then(@"^every dashboard shipped in manifests/dashboards is provisioned in Grafana$")]
    public async Task DashboardsProvisioned() =>
        (await scenario.DashboardsAsync()).Where(d => d.Found?.Title != d.Title).Select(d => $"{d.Uid} '{d.Title}': found {d.Found?.Title ?? "nothing"}")
            .Should().BeEmpty("every shipped dashboard must be in Grafana under its uid and title");

    [Then(@"^Grafana reports its Prometheus datasource healthy$")]
    public async Task PrometheusDatasourceHealthy() =>
        (await scenario.PrometheusDatasourcesAsync()).Should().NotBeEmpty("Grafana must have a Prometheus datasource")
            .And.OnlyContain(d => d.Health.Healthy, "Grafana must reach Prometheus");

    [Then("Kiali's graph of {tenant} over the scenario's own window shows 2xx traffic from the gateway path into the {word} predictor workload")]
    public async Task KialiShowsTraffic(Tenant tenant, string model)
    {
        var edge = await scenario.KialiEdgeAsync(tenant, model);
        output.WriteLine(edge.ToString());
        edge.WhyNot.Should().BeNull();
    }
}

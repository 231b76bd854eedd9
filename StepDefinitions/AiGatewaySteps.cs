using FluentAssertions;
using InferenceBox.Specs.Support.AiGateway;
using InferenceBox.Specs.Support.Gateway;
using InferenceBox.Platform.Waiting;
using Reqnroll;

namespace InferenceBox.Specs.StepDefinitions;

/// <summary>
/// The AI gateway's OpenAI API: chat completions, the model list, and its refusals. A tenant's "chat model" is its entry in
/// models/chat-models.json. Expected refusals use "attempts to"; the judges are <see cref="AiGatewayAnswers"/> and
/// <see cref="GatewayRefusal"/>.
/// </summary>
[Binding]
public sealed class AiGatewaySteps(AiGatewayTraffic traffic, GatewayAccessLogReader gatewayLog)
{
    private const string AiGatewayName = "ai-gateway";

    [When("{tenant} asks its chat model a short question through the AI gateway")]
    public Task AsksItsModel(Tenant tenant) => traffic.AskAsync(tenant, Model(tenant));

    [When("{tenant} asks its chat model a short question {int} times through the AI gateway")]
    public async Task AsksItsModelTimes(Tenant tenant, int times)
    {
        for (var i = 0; i < times; i++) await traffic.AskAsync(tenant, Model(tenant));
    }

    [When("{tenant} attempts to ask {tenant}'s chat model through the AI gateway")]
    public Task AttemptsAnotherModel(Tenant caller, Tenant owner) => traffic.AskAsync(caller, Model(owner));

    [When("a client without a token attempts to ask {tenant}'s chat model through the AI gateway")]
    public Task AttemptsWithoutToken(Tenant owner) => traffic.AskAsync(null, Model(owner));

    [When("{tenant} attempts to ask the model {string} through the AI gateway")]
    public Task AttemptsUnknownModel(Tenant caller, string model) => traffic.AskAsync(caller, model);

    [When("{tenant} lists the models of the AI gateway")]
    public Task ListsModels(Tenant caller) => traffic.ListModelsAsync(caller);

    [Given("as a control, {tenant} is served by its chat model through the AI gateway")]
    public async Task ControlServed(Tenant tenant)
    {
        var served = await traffic.ServedAsync(tenant);
        served.WhyNot.Should().BeNull();
        AiGatewayAnswers.ChatProblems(served.Value!, AiGatewayTraffic.Catalog.OfTenant(tenant)).Should().BeEmpty();
    }

    [Then("the answer is a chat completion of {tenant}'s chat model: a non-empty assistant message, positive prompt and completion tokens, and the name only that backend answers as")]
    public void AnsweredByItsModel(Tenant tenant) =>
        AiGatewayAnswers.ChatProblems(traffic.Last, AiGatewayTraffic.Catalog.OfTenant(tenant)).Should().BeEmpty(Describe(traffic.Last));

    [Then(@"^the AI gateway answers 404 ""no matching rule found"" itself, before any backend$")]
    public void UnknownModelRefused() => AiGatewayAnswers.UnknownModelProblems(traffic.Last).Should().BeEmpty(Describe(traffic.Last));

    [Then(@"^the list holds exactly the models the AI gateway routes, each owned by its tenant$")]
    public void ListedModels() =>
        AiGatewayAnswers.ModelListProblems(traffic.Last, AiGatewayTraffic.Catalog.Models).Should().BeEmpty(Describe(traffic.Last));

    [Then(@"^the AI gateway refuses it with 401 by its JWT check, its own answer$")]
    public void RefusedByJwt()
    {
        var refused = traffic.Last;
        (refused.StatusCode, GatewayRefusal.CheckOf(refused.Body)).Should().Be((401, GatewayCheck.Jwt), Describe(refused));
        GatewayRefusal.Problems(refused, GatewayCheck.Jwt, null).Should().BeEmpty(Describe(refused));
    }

    [Then(@"^the AI gateway refuses it with 403 by its tenant check, its own answer$")]
    public async Task RefusedByTenantCheck()
    {
        var refused = traffic.Last;
        (refused.StatusCode, GatewayRefusal.CheckOf(refused.Body)).Should().Be((403, GatewayCheck.Tenant), Describe(refused));
        GatewayAccessLogEntry? entry = null;
        var lookup = "";
        try { entry = await gatewayLog.FindAsync(refused, AiGatewayName); }
        catch (WaitTimeoutException e) { lookup = " " + e.Message; }
        GatewayRefusal.Problems(refused, GatewayCheck.Tenant, entry).Should().BeEmpty(Describe(refused) + lookup);
    }

    private static string Model(string tenant) => AiGatewayTraffic.Catalog.OfTenant(tenant).Model;

    private static string Describe(GatewayExchange e) => $"{e.Method} {e.Url} (request id {e.RequestId}) answered {e.StatusCode}: {OpenAiJson.Short(e.Body)}";
}

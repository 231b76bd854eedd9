using InferenceBox.Specs.Support.AiGateway;
using InferenceBox.Specs.Support.Diagnostics;
using InferenceBox.Specs.Support.Gateway;
using InferenceBox.Platform.Models;
using InferenceBox.Platform.Run;
using InferenceBox.Specs.Support.Gateway.Tls;
using InferenceBox.Specs.Tests.Edge;
using InferenceBox.Specs.Tests.Gateway;
using InferenceBox.Platform.Gateway.Tls;

namespace InferenceBox.Specs.Tests.AiGateway;

/// <summary>The AI gateway driver and the budget spender against an OpenAI-compatible test upstream on loopback.</summary>
public sealed class AiGatewayDriverTests : IAsyncLifetime
{
    private static readonly ChatModelCatalog Catalog = ChatModelCatalog.Load(Path.Combine(RunPaths.RepositoryRoot(), ChatModelCatalog.RelativePath));
    private readonly TestCa _ca = new();
    private OpenAiTestUpstream _upstream = null!;
    private RunContext _run = null!;

    public async ValueTask InitializeAsync()
    {
        _upstream = await OpenAiTestUpstream.StartAsync(Catalog.Models.ToDictionary(m => m.Model, m => (m.ServedName, m.Tenant)), limit: 150,
            _ca.GatewayServer());
        _run = TestRun.For(new Uri("https://127.0.0.1:1"), timeoutScale: 0.5, aiGateway: _upstream.BaseUrl);
    }

    private GatewayTrust Trust => GatewayTrust.Of(GatewayCa.Parse(_ca.Pem, "the test's CA"));

    private AiGatewayDriver Driver() => new(_run, new ScenarioTimeline(), Trust);

    [Fact]
    public async Task A_token_goes_only_to_an_AI_gateway_of_the_platform_CA_and_never_over_plain_HTTP()
    {
        using var stranger = new TestCa("Someone else's CA");
        await using var impostor = await OpenAiTestUpstream.StartAsync(new() { ["m"] = ("m", "tenant-b") }, 1, stranger.GatewayServer());
        await using var plain = await OpenAiTestUpstream.StartAsync(new() { ["m"] = ("m", "tenant-b") }, 1);
        var ct = TestContext.Current.CancellationToken;

        var wrongCa = () => new AiGatewayDriver(TestRun.For(_run.Settings.GatewayUrl, 0.5, impostor.BaseUrl), new ScenarioTimeline(), Trust)
            .ChatAsync(ChatRequest.Ask("m", "x", 4), "opaque-token", ct);
        var inClear = () => new AiGatewayDriver(TestRun.For(_run.Settings.GatewayUrl, 0.5, plain.BaseUrl), new ScenarioTimeline(), Trust)
            .ChatAsync(ChatRequest.Ask("m", "x", 4), "opaque-token", ct);

        (await wrongCa.Should().ThrowAsync<GatewayTlsException>()).WithMessage("*TLS handshake was refused*INFERENCEBOX_AI_GATEWAY_URL*");
        (await inClear.Should().ThrowAsync<PlainHttpTokenException>()).WithMessage("*INFERENCEBOX_AI_GATEWAY_URL*");
        impostor.Authorizations.Should().BeEmpty();
        plain.Authorizations.Should().BeEmpty("the token is refused before anything is sent");
    }

    [Fact]
    public async Task A_chat_request_is_the_openai_wire_format_with_greedy_seeded_decoding_and_the_bearer_token()
    {
        var answer = await Driver().ChatAsync(ChatRequest.Ask("tenant-b/qwen-chat", "Say hi.", 16), "opaque-token", TestContext.Current.CancellationToken);

        answer.Url.Should().Be(new Uri(_upstream.BaseUrl, "/v1/chat/completions"));
        _upstream.Requests.Single().ToJsonString().Should().Be(
            """{"model":"tenant-b/qwen-chat","messages":[{"role":"user","content":"Say hi."}],"max_tokens":16,"temperature":0,"seed":42}""");
        _upstream.Authorizations.Single().Should().Be("Bearer opaque-token");
        answer.ToString().Should().NotContain("opaque-token", "an exchange keeps token claims, never the token");
    }

    [Fact]
    public async Task Each_model_is_answered_by_its_own_backend_and_judged_right()
    {
        var driver = Driver();
        foreach (var model in Catalog.Models)
        {
            var answer = await driver.ChatAsync(ChatRequest.Ask(model.Model, AiGatewayTraffic.Question, AiGatewayTraffic.QuestionMaxTokens), "t", TestContext.Current.CancellationToken);
            AiGatewayAnswers.ChatProblems(answer, model).Should().BeEmpty();
        }
        driver.Exchanges.Should().HaveCount(Catalog.Models.Count);
    }

    [Fact]
    public async Task An_unknown_model_and_the_model_list_are_judged_as_the_gateways_own_answers()
    {
        var driver = Driver();

        AiGatewayAnswers.UnknownModelProblems(await driver.ChatAsync(ChatRequest.Ask("tenant-b/none", "x", 4), "t", TestContext.Current.CancellationToken)).Should().BeEmpty();
        AiGatewayAnswers.ModelListProblems(await driver.ListModelsAsync("t", TestContext.Current.CancellationToken), Catalog.Models).Should().BeEmpty();
    }

    [Fact]
    public async Task Spending_a_budget_ends_at_a_conclusive_refusal_whose_arithmetic_holds()
    {
        var driver = Driver();
        var answers = new List<GatewayExchange>();
        var budget = new TokenBudget(150, 60);

        await BudgetSpender.SpendAsync(ct => driver.ChatAsync(ChatRequest.Ask("tenant-c/qwen-chat", AiGatewayTraffic.LongTask, AiGatewayTraffic.LongTaskMaxTokens), "spender", ct),
            answers, budget, _run.Budgets, "spender", TestContext.Current.CancellationToken);

        var verdict = TokenBudgetJudge.Judge(answers, budget);
        verdict.Problems.Should().BeEmpty(verdict.ToString());
        TokenBudgetJudge.IsConclusive(answers, budget).Should().BeTrue();
        answers.Where(a => a.StatusCode == 429).SelectMany(a => TokenBudgetJudge.RefusalProblems(a, budget)).Should().BeEmpty();
    }

    public async ValueTask DisposeAsync()
    {
        await _upstream.DisposeAsync();
        _ca.Dispose();
    }
}

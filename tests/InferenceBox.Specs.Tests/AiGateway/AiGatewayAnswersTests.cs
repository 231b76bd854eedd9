using System.Text.Json.Nodes;
using InferenceBox.Specs.Support.AiGateway;
using InferenceBox.Platform.Models;
using InferenceBox.Platform.Run;

namespace InferenceBox.Specs.Tests.AiGateway;

/// <summary>The AI gateway's judges on answers built from the pinned sources (Fixtures/answers.json): each right answer passes, each wrong one fails naming why.</summary>
public sealed class AiGatewayAnswersTests
{
    private static readonly ChatModelCatalog Catalog = ChatModelCatalog.Load(Path.Combine(RunPaths.RepositoryRoot(), ChatModelCatalog.RelativePath));
    private static readonly ChatModel TenantB = Catalog.OfTenant("tenant-b"), TenantC = Catalog.OfTenant("tenant-c");

    [Fact]
    public void A_chat_completion_of_tenant_bs_server_passes_for_tenant_bs_model() =>
        AiGatewayAnswers.ChatProblems(RecordedAnswers.Get("chat-completion-tenant-b"), TenantB).Should().BeEmpty();

    [Fact]
    public void The_same_answer_does_not_pass_for_tenant_cs_model_a_misroute_is_caught() =>
        AiGatewayAnswers.ChatProblems(RecordedAnswers.Get("chat-completion-tenant-b"), TenantC).Should().ContainSingle()
            .Which.Should().Contain("\"qwen-chat.tenant-b\"").And.Contain("another backend than tenant-c/qwen-chat");

    [Fact]
    public void A_server_that_echoes_the_requests_model_proves_nothing_about_the_backend() =>
        AiGatewayAnswers.ChatProblems(WithBody("chat-completion-tenant-b", b => b["model"] = TenantB.Model), TenantB).Should().ContainSingle()
            .Which.Should().Contain("echo");

    [Fact]
    public void An_empty_assistant_message_fails() =>
        AiGatewayAnswers.ChatProblems(RecordedAnswers.Get("chat-completion-no-content"), TenantB).Should().ContainSingle()
            .Which.Should().Contain("not a non-empty assistant message");

    [Theory]
    [InlineData(0, 8, 8, "both must be positive")]
    [InlineData(34, 0, 34, "both must be positive")]
    [InlineData(34, 8, 40, "is not prompt_tokens + completion_tokens")]
    public void Usage_that_cannot_be_charged_fails(int prompt, int completion, int total, string why) =>
        AiGatewayAnswers.ChatProblems(WithBody("chat-completion-tenant-b", b => b["usage"] = new JsonObject
            { ["prompt_tokens"] = prompt, ["completion_tokens"] = completion, ["total_tokens"] = total }), TenantB)
            .Should().ContainSingle().Which.Should().Contain(why);

    [Fact]
    public void An_answer_without_usage_or_not_200_fails()
    {
        AiGatewayAnswers.ChatProblems(WithBody("chat-completion-tenant-b", b => b.AsObject().Remove("usage")), TenantB)
            .Should().ContainSingle().Which.Should().Contain("no \"usage\"");
        AiGatewayAnswers.ChatProblems(RecordedAnswers.Get("llama-server-error"), TenantB).Should().ContainSingle().Which.Should().Contain("404");
    }

    [Fact]
    public void The_gateways_model_list_passes_and_a_backends_own_list_does_not()
    {
        AiGatewayAnswers.ModelListProblems(RecordedAnswers.Get("ai-gateway-models"), Catalog.Models).Should().BeEmpty();
        AiGatewayAnswers.ModelListProblems(RecordedAnswers.Get("llama-server-models"), Catalog.Models).Should().ContainSingle()
            .Which.Should().Contain("lists [qwen-chat.tenant-b]");
    }

    [Fact]
    public void A_model_owned_by_the_wrong_tenant_fails() =>
        AiGatewayAnswers.ModelListProblems(WithBody("ai-gateway-models", b => b["data"]![1]!["owned_by"] = "Envoy AI Gateway"), Catalog.Models)
            .Should().ContainSingle().Which.Should().Contain("tenant-c/qwen-chat").And.Contain("owned by tenant-c");

    [Fact]
    public void The_gateways_404_for_an_unknown_model_passes_and_a_backends_json_404_does_not()
    {
        AiGatewayAnswers.UnknownModelProblems(RecordedAnswers.Get("ai-gateway-unknown-model")).Should().BeEmpty();
        AiGatewayAnswers.UnknownModelProblems(RecordedAnswers.Get("llama-server-error")).Should().ContainSingle()
            .Which.Should().Contain("a JSON error, as a model server answers");
        AiGatewayAnswers.UnknownModelProblems(RecordedAnswers.Get("chat-completion-tenant-b")).Should().HaveCount(2);
    }

    [Fact]
    public void The_request_asks_for_greedy_seeded_decoding_in_the_openai_wire_format() =>
        JsonNode.Parse(OpenAiJson.Serialize(ChatRequest.Ask("tenant-b/qwen-chat", "Hi", 16)))!.ToJsonString().Should().Be(
            """{"model":"tenant-b/qwen-chat","messages":[{"role":"user","content":"Hi"}],"max_tokens":16,"temperature":0,"seed":42}""");

    private static Support.Gateway.GatewayExchange WithBody(string name, Action<JsonNode> change)
    {
        var recorded = RecordedAnswers.Get(name);
        var body = JsonNode.Parse(recorded.Body)!;
        change(body);
        return recorded with { Body = body.ToJsonString() };
    }
}

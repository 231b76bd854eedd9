using System.Text.Json.Nodes;
using InferenceBox.Platform.Manifests;
using InferenceBox.Platform.Models;
using InferenceBox.Platform.Run;
using InferenceBox.Platform.Schemas;

namespace InferenceBox.Specs.Tests.Models;

/// <summary>
/// models/chat-models.json is what the AI gateway scenarios call and expect; manifests/ is what the provisioner deploys. Each
/// entry must be what manifests/ says: the AIGatewayRoute rule for its model reaches its InferenceService; that server answers
/// as its servedName (llama.cpp --alias) from its weights; the SecurityPolicy lets its tenant, and only its tenant, call it;
/// and every model the route declares is in the catalog.
/// </summary>
public sealed class ChatModelCatalogTests
{
    private static readonly string Root = RunPaths.RepositoryRoot();
    private static readonly ChatModelCatalog Catalog = ChatModelCatalog.Load(Path.Combine(Root, ChatModelCatalog.RelativePath));
    private static readonly IReadOnlyList<ManifestObject> Objects = ManifestLoader.Load(ManifestFiles.FolderOf(Root)).Objects;
    private static readonly VersionLock Lock = VersionLock.Load(Path.Combine(ManifestFiles.FolderOf(Root), VersionLock.FileName));

    public static TheoryData<string> Models() => [.. Catalog.Models.Select(m => m.Model)];

    [Theory]
    [MemberData(nameof(Models))]
    public void The_AI_route_sends_the_model_to_its_InferenceService(string name)
    {
        var model = Catalog.Get(name);
        AiRouteBackends.Of(Objects).Where(b => b.Model == model.Model).SelectMany(b => b.Predictors)
            .Should().Equal([(model.Tenant, model.InferenceService)], $"the AIGatewayRoute rule for {model.Model} must reach only {model.Tenant}/{model.InferenceService}");
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void The_InferenceService_answers_as_the_served_name_from_the_pinned_weights(string name)
    {
        var model = Catalog.Get(name);
        var container = Objects.Single(o => o.Kind == "InferenceService" && o.Namespace == model.Tenant && o.Name == model.InferenceService)
            .Body["spec"]!["predictor"]!["containers"]![0]!;
        var args = container["args"]!.AsArray().Select(a => a!.GetValue<string>()).ToList();
        Arg(args, "--alias").Should().Be(model.ServedName);
        Lock.Weights.Should().ContainKey(model.Weights);
        Arg(args, "--model").Should().Be("/mnt/models/" + Lock.Weights[model.Weights].File);
        container["env"]!.AsArray().Should().ContainSingle(e => e!["name"]!.GetValue<string>() == "STORAGE_URI")
            .Which!["value"]!.GetValue<string>().Should().Be("pvc://models/" + model.Weights);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Only_its_tenant_may_call_the_model(string name)
    {
        var model = Catalog.Get(name);
        var rules = Objects.Single(o => o.Kind == "SecurityPolicy" && o.Name == "openai-jwt").Body["spec"]!["authorization"]!["rules"]!.AsArray();
        var allowing = rules.Where(r => r!["action"]!.GetValue<string>() == "Allow" && Headers(r!).Contains(model.Model)).ToList();
        allowing.Should().ContainSingle($"one Allow rule names {model.Model}")
            .Which!["principal"]!["jwt"]!["claims"]!.AsArray().Should().ContainSingle()
            .Which!["values"]!.AsArray().Select(v => v!.GetValue<string>()).Should().Equal(model.Tenant);
    }

    [Fact]
    public void Every_model_the_AI_route_declares_is_in_the_catalog() =>
        AiRouteBackends.Of(Objects).Select(b => b.Model).Distinct().Should().BeEquivalentTo(Catalog.Models.Select(m => m.Model));

    [Fact]
    public void An_unknown_field_is_refused_with_the_file_named()
    {
        var folder = Directory.CreateTempSubdirectory("ibx-chat-").FullName;
        var file = Path.Combine(folder, "chat-models.json");
        File.WriteAllText(file, """{"chatModels": [{"model": "m", "tenant": "t", "inferenceService": "i", "servedName": "s", "weights": "w", "port": 1}]}""");

        var load = () => ChatModelCatalog.Load(file);

        load.Should().Throw<InvalidDataException>().WithMessage($"*{file}*port*");
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void The_scenarios_token_budget_is_the_one_the_gateway_enforces()
    {
        var rule = Objects.Single(o => o.Kind == "BackendTrafficPolicy" && o.Name == "openai-token-budget").Body["spec"]!["rateLimit"]!["global"]!["rules"]!.AsArray().Single()!;

        (rule["limit"]!["requests"]!.GetValue<long>(), rule["limit"]!["unit"]!.GetValue<string>()).Should().Be(
            (Support.AiGateway.TokenBudget.PerTenant.Limit, "Minute"), "Support/AiGateway/TokenBudgetJudge.cs TokenBudget.PerTenant judges the answers");
        Support.AiGateway.TokenBudget.PerTenant.WindowSeconds.Should().Be(60);
        rule["cost"]!["response"]!["metadata"]!["key"]!.GetValue<string>().Should().Be("llm_total_token");
    }

    private static string? Arg(List<string> args, string flag) => args.IndexOf(flag) is var i and >= 0 && i + 1 < args.Count ? args[i + 1] : null;

    private static IEnumerable<string> Headers(JsonNode rule) =>
        (rule["principal"]?["headers"]?.AsArray() ?? []).Where(h => h!["name"]!.GetValue<string>() == AiRouteBackends.ModelHeader)
            .SelectMany(h => h!["values"]!.AsArray().Select(v => v!.GetValue<string>()));
}

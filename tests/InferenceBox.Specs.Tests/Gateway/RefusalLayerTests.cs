using System.Text.Json;
using FluentAssertions;
using InferenceBox.Specs.Support.Tokens;
using Xunit;

namespace InferenceBox.Specs.Tests.Gateway;

/// <summary>
/// Issue 17 item 1: the gateway's refusals against the same refusals from a tenant sidecar, as recorded in
/// Gateway/Fixtures/refusals.json (each shape names its upstream source there). The judge must tell the layers apart.
/// </summary>
public sealed class RefusalLayerTests
{
    public static TheoryData<string> SidecarAnswers => new() { "sidecar-jwt-invalid", "sidecar-rbac" };

    [Theory]
    [MemberData(nameof(SidecarAnswers))]
    public void A_sidecars_refusal_is_not_the_gateways(string name)
    {
        var (status, body, headers) = Answer(name);
        GatewayRefusal.Problems(status, body, headers).Should().NotBeEmpty("{0} came from a tenant sidecar, not the gateway", name);
    }

    private static (int Status, string Body, Dictionary<string, string> Headers) Answer(string name)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Gateway", "Fixtures", "refusals.json")));
        var answer = json.RootElement.GetProperty("answers").EnumerateArray().Single(a => a.GetProperty("name").GetString() == name);
        return (answer.GetProperty("status").GetInt32(), answer.GetProperty("body").GetString()!,
            answer.GetProperty("headers").EnumerateObject().ToDictionary(h => h.Name, h => h.Value.GetString()!));
    }
}

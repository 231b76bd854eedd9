using System.Text.Json.Nodes;
using k8s.Autorest;

namespace InferenceBox.Specs.Tests.Emulator;

/// <summary>Reads the Status a refused KubernetesClient call carried.</summary>
public static class Errors
{
    public static async Task<(int Code, JsonObject Status)> RefusalAsync(Func<Task> call)
    {
        var (code, body) = await RawRefusalAsync(call);
        return (code, JsonNode.Parse(body)!.AsObject());
    }

    /// <summary>The refusal's status code and body exactly as the server wrote it.</summary>
    public static async Task<(int Code, string Body)> RawRefusalAsync(Func<Task> call)
    {
        var e = (await call.Should().ThrowAsync<HttpOperationException>()).Which;
        return ((int)e.Response.StatusCode, e.Response.Content);
    }

    public static string Text(this JsonObject status, string field) => status[field]?.ToString() ?? "";
}

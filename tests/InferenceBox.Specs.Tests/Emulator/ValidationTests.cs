using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using k8s;

namespace InferenceBox.Specs.Tests.Emulator;

/// <summary>
/// Every object is checked against its pinned schema. Expected texts are kubernetes/apiextensions-apiserver@v0.32.5
/// pkg/apiserver/validation/validation_test.go's recorded expectations where it has one, otherwise the format of
/// kubernetes/apimachinery@v0.32.5 pkg/util/validation/field/errors.go with kube-openapi's messages.
/// </summary>
public sealed class ValidationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<InferenceBox.Platform.Emulator.ApiServerEmulator> WithWidgetsAsync()
    {
        var api = await Emulators.StartAsync();
        await api.CreateClient().ApplyAsync(api, Crds.Widget);
        await api.SettledAsync(Ct);
        return api;
    }

    [Theory]
    [InlineData("{field: foo}", "spec.field: Invalid value: \"string\": spec.field in body must be of type object: \"string\"")]
    [InlineData("{field: 42}", "spec.field: Invalid value: \"integer\": spec.field in body must be of type object: \"integer\"")]
    [InlineData("{field: {}}", "spec.field.nested: Required value")]
    [InlineData("{port: [1]}", "spec.port: Invalid value: \"array\": spec.port in body must be of type integer,string: \"array\"")]
    [InlineData("{color: green}", "spec.color: Unsupported value: \"green\": supported values: \"red\", \"blue\"")]
    [InlineData("{size: 0}", "spec.size: Invalid value: 0: spec.size in body should be greater than or equal to 1")]
    public async Task A_custom_object_that_breaks_its_schema_is_Invalid_with_the_field_path(string spec, string expected)
    {
        await using var api = await WithWidgetsAsync();

        var (code, status) = await Errors.RefusalAsync(() => api.CreateClient().CustomObjects.CreateNamespacedCustomObjectAsync(
            JsonNode.Parse(Yaml(Crds.WidgetObject("default", "w", spec)))!, "example.com", "v1", "default", "widgets", cancellationToken: Ct));

        code.Should().Be(422, status.Text("message"));
        status.Text("reason").Should().Be("Invalid");
        status.Text("message").Should().Be($"Widget.example.com \"w\" is invalid: {expected}");
        var cause = status["details"]!["causes"]!.AsArray().Should().ContainSingle().Which!;
        cause["field"]!.ToString().Should().Be(expected.Split(':')[0]);
        api.Requests.All.Last().Layer.Should().Be("validation");
    }

    [Fact]
    public async Task Structural_defaults_are_applied()
    {
        await using var api = await WithWidgetsAsync();

        var widget = await api.CreateClient().ApplyAsync(api, Crds.WidgetObject("default", "w"));

        widget["spec"]!["color"]!.ToString().Should().Be("red");
    }

    [Fact]
    public async Task An_unknown_field_in_an_apply_patch_is_refused_by_typed_conversion_with_a_500()
    {
        await using var api = await WithWidgetsAsync();

        var (code, status) = await Errors.RefusalAsync(() => api.CreateClient().ApplyAsync(api, Crds.WidgetObject("default", "w", "{size: 1, shape: round}")));

        // apimachinery structuredmerge.go wraps structured-merge-diff@v4.4.2 typed/validate.go; not a Status error, so 500 and no reason
        code.Should().Be(500);
        status.Text("reason").Should().BeEmpty();
        status.Text("message").Should().Be("failed to create typed patch object (default/w; example.com/v1, Kind=Widget): .spec.shape: field not declared in schema");
    }

    [Fact]
    public async Task An_unknown_field_in_a_create_is_dropped_with_a_warning_or_refused_when_strict()
    {
        await using var api = await Emulators.StartAsync();
        const string body = """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"a":"b"},"dta":{"x":"y"}}""";

        using var http = new HttpClient { BaseAddress = api.Url };
        using var warned = await http.PostAsync("/api/v1/namespaces/default/configmaps", new StringContent(body, MediaTypeHeaderValue.Parse("application/json")), Ct);
        var strict = await api.RawAsync(HttpMethod.Post, "/api/v1/namespaces/default/configmaps?fieldValidation=Strict", body.Replace("\"c\"", "\"d\""));

        ((int)warned.StatusCode).Should().Be(201);
        warned.Headers.GetValues("Warning").Should().Equal("299 - \"unknown field \\\"dta\\\"\"");
        JsonNode.Parse(await warned.Content.ReadAsStringAsync(Ct))!["dta"].Should().BeNull();
        strict.Status.Should().Be(400);
        JsonNode.Parse(strict.Body)!["message"]!.ToString().Should().Be("strict decoding error: unknown field \"dta\"");
    }

    [Fact]
    public async Task A_built_in_object_is_checked_against_the_pinned_OpenAPI_and_its_name_rules()
    {
        await using var api = await Emulators.StartAsync();
        var client = api.CreateClient();

        var (code, status) = await Errors.RefusalAsync(() => client.ApplyAsync(api,
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: Web_1, namespace: default}\nspec: {template: {spec: {containers: [{image: nginx}]}}}"));

        code.Should().Be(422);
        status.Text("message").Should().StartWith("Deployment.apps \"Web_1\" is invalid: [");
        status["details"]!["causes"]!.AsArray().Select(c => c!["field"]!.ToString()).Should().BeEquivalentTo(
            ["metadata.name", "spec.selector", "spec.template.spec.containers[0].name"]);
        status.Text("message").Should().Contain("metadata.name: Invalid value: \"Web_1\": a lowercase RFC 1123 subdomain must consist of");
    }

    private static string Yaml(string yaml) => InferenceBox.Platform.Manifests.YamlJson.ParseAll(yaml, "test").Single().Node!.ToJsonString();
}

using System.Text.Json;
using System.Text.Json.Nodes;
using InferenceBox.Platform.Schemas;
using Json.Schema;

namespace InferenceBox.Specs.Tests.Schemas;

/// <summary>Each OpenAPI 3.0 / Kubernetes construct, translated and then evaluated by JsonSchema.Net.</summary>
public sealed class OpenApiTranslatorTests
{
    private static bool Accepts(string openApi, string instance)
    {
        var translated = new OpenApiTranslator().Translate(JsonNode.Parse(openApi)!);
        var schema = JsonSchema.Build(JsonSerializer.SerializeToElement(translated),
            new BuildOptions { SchemaRegistry = new SchemaRegistry(), Dialect = Dialect.Draft202012 });
        return schema.Evaluate(JsonDocument.Parse(instance).RootElement).IsValid;
    }

    [Theory]
    [InlineData("200", true)]
    [InlineData("599", true)]
    [InlineData("600", false)]
    public void BooleanExclusiveMaximumBecomesNumeric(string status, bool valid) =>
        Accepts("""{"type":"integer","maximum":600,"exclusiveMaximum":true,"minimum":100}""", status).Should().Be(valid);

    [Theory]
    [InlineData("100", false)]
    [InlineData("101", true)]
    public void BooleanExclusiveMinimumBecomesNumeric(string value, bool valid) =>
        Accepts("""{"type":"integer","minimum":100,"exclusiveMinimum":true}""", value).Should().Be(valid);

    [Fact]
    public void FalseExclusiveMaximumKeepsTheInclusiveBound()
    {
        Accepts("""{"type":"integer","maximum":600,"exclusiveMaximum":false}""", "600").Should().BeTrue();
        Accepts("""{"type":"integer","maximum":600,"exclusiveMaximum":false}""", "601").Should().BeFalse();
    }

    [Theory]
    [InlineData("8080", true)]
    [InlineData("\"http\"", true)]
    [InlineData("true", false)]
    [InlineData("1.5", false)]
    public void IntOrStringAcceptsAnIntegerOrAString(string value, bool valid) =>
        Accepts("""{"type":"string","x-kubernetes-int-or-string":true}""", value).Should().Be(valid);

    [Theory]
    [InlineData("null", true)]
    [InlineData("3", true)]
    [InlineData("\"3\"", false)]
    public void NullableAlsoAllowsNull(string value, bool valid) =>
        Accepts("""{"type":"integer","nullable":true}""", value).Should().Be(valid);

    [Fact]
    public void NullableEnumAndNullableReferenceAllowNull()
    {
        Accepts("""{"type":"string","enum":["A"],"nullable":true}""", "null").Should().BeTrue();
        Accepts("""{"type":"string","enum":["A"],"nullable":true}""", "\"B\"").Should().BeFalse();
        Accepts("""{"allOf":[{"type":"string"}],"nullable":true}""", "null").Should().BeTrue();
        Accepts("""{"allOf":[{"type":"string"}],"nullable":true}""", "1").Should().BeFalse();
    }

    [Fact]
    public void UnknownFieldsAreRejectedUnlessPreserved()
    {
        const string closed = """{"type":"object","properties":{"a":{"type":"string"}}}""";
        const string preserved = """{"type":"object","properties":{"a":{"type":"string"}},"x-kubernetes-preserve-unknown-fields":true}""";
        Accepts(closed, """{"a":"x"}""").Should().BeTrue();
        Accepts(closed, """{"a":"x","b":1}""").Should().BeFalse();
        Accepts(preserved, """{"a":"x","b":1}""").Should().BeTrue();
        Accepts("""{"type":"object","additionalProperties":{"type":"string"}}""", """{"b":"x"}""").Should().BeTrue();
    }

    [Fact]
    public void EmbeddedResourcesAlwaysAllowApiVersionKindAndMetadata() =>
        Accepts("""{"type":"object","x-kubernetes-embedded-resource":true,"properties":{"spec":{"type":"object"}}}""",
            """{"apiVersion":"v1","kind":"Pod","metadata":{},"spec":{}}""").Should().BeTrue();

    [Fact]
    public void ComponentReferencesPointIntoDefs()
    {
        var translated = new OpenApiTranslator().Translate(JsonNode.Parse("""{"allOf":[{"$ref":"#/components/schemas/io.k8s.X"}]}""")!);
        translated["allOf"]![0]!["$ref"]!.ToString().Should().Be("#/$defs/io.k8s.X");
    }

    [Fact]
    public void CelRulesAreCountedNotChecked()
    {
        var translator = new OpenApiTranslator();
        translator.Translate(JsonNode.Parse("""
            {"type":"object","x-kubernetes-validations":[{"rule":"self.a == 1"}],
             "properties":{"a":{"type":"integer","x-kubernetes-validations":[{"rule":"self > 0"},{"rule":"self < 9"}]}}}
            """)!);
        translator.CelRules.Should().Be(3);
        Accepts("""{"type":"integer","x-kubernetes-validations":[{"rule":"self > 5"}]}""", "1").Should().BeTrue("CEL is not evaluated");
    }

    [Fact]
    public void TheInputIsNotModified()
    {
        var input = JsonNode.Parse("""{"type":"integer","maximum":600,"exclusiveMaximum":true,"nullable":true}""")!;
        var before = input.ToJsonString();
        new OpenApiTranslator().Translate(input);
        input.ToJsonString().Should().Be(before);
    }
}

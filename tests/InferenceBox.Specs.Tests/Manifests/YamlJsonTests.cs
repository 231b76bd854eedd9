using System.Text.Json;
using System.Text.Json.Nodes;
using InferenceBox.Platform.Schemas;
using InferenceBox.Platform.Manifests;

namespace InferenceBox.Specs.Tests.Manifests;

/// <summary>YAML 1.2 core-schema typing of scalars, the way Kubernetes reads manifests.</summary>
public sealed class YamlJsonTests
{
    private static JsonNode? Value(string scalar) => YamlJson.ParseAll("v: " + scalar, "test")[0].Node!["v"];

    [Theory]
    [InlineData("=", JsonValueKind.String)]
    [InlineData("\"true\"", JsonValueKind.String)]
    [InlineData("'8080'", JsonValueKind.String)]
    [InlineData("on", JsonValueKind.String)]
    [InlineData("yes", JsonValueKind.String)]
    [InlineData("1.26.2", JsonValueKind.String)]
    [InlineData("500m", JsonValueKind.String)]
    [InlineData("true", JsonValueKind.True)]
    [InlineData("False", JsonValueKind.False)]
    [InlineData("8080", JsonValueKind.Number)]
    [InlineData("-1.5e3", JsonValueKind.Number)]
    [InlineData("0x1F", JsonValueKind.Number)]
    [InlineData("!!str 8080", JsonValueKind.String)]
    public void ScalarsAreTypedByTheYaml12CoreSchema(string scalar, JsonValueKind kind) =>
        Value(scalar)!.GetValueKind().Should().Be(kind);

    [Theory]
    [InlineData("100000000000000000000", "100000000000000000000")]
    [InlineData("-123456789012345678901234567890123", "-123456789012345678901234567890123")]
    [InlineData("0x1F", "31")]
    [InlineData("0xFFFFFFFFFFFFFFFFFF", "4722366482869645213695")]
    [InlineData("0o17", "15")]
    [InlineData("!!int \"8080\"", "8080")]
    public void Integers_keep_every_digit(string scalar, string json) =>
        Value(scalar)!.ToJsonString().Should().Be(json);

    [Theory]
    [InlineData("~")]
    [InlineData("null")]
    [InlineData("")]
    public void NullForms(string scalar) => Value(scalar).Should().BeNull();

    [Fact]
    public void DocumentsKeepTheirIndexAndStartLine()
    {
        var documents = YamlJson.ParseAll("# c\na: 1\n---\nb: 2\n---\n", "test");
        documents.Select(d => (d.Index, d.Line)).Should().Equal((0, 2), (1, 4), (2, 6));
        documents[2].Node.Should().BeNull();
    }

    [Fact]
    public void DuplicateKeysAndBadYamlNameTheLine()
    {
        FluentActions.Invoking(() => YamlJson.ParseAll("a: 1\na: 2\n", "f.yaml"))
            .Should().Throw<InvalidDataException>().WithMessage("f.yaml: not valid YAML at line 2*uplicate key*");
        FluentActions.Invoking(() => YamlJson.ParseAll("a: [1\nb: 2\n", "f.yaml"))
            .Should().Throw<InvalidDataException>().WithMessage("f.yaml: not valid YAML*");
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using InferenceBox.Specs.Support.Schemas;
using Xunit;

namespace InferenceBox.Specs.Tests.Schemas;

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

using InferenceBox.Platform.Schemas;

namespace InferenceBox.Specs.Tests.Schemas;

public sealed class SchemaPinsTests
{
    [Fact]
    public void EveryPinnedFileHasAnImmutableRawUrlAndAChecksum()
    {
        SchemaPins.Embedded.Should().HaveCount(76);
        SchemaPins.Embedded.Should().OnlyContain(p =>
            p.Url.Host == "raw.githubusercontent.com" && p.Sha256.Length == 64 && System.Text.RegularExpressions.Regex.IsMatch(p.Url.AbsolutePath, "^/[^/]+/[^/]+/[0-9a-f]{40}/"));
        SchemaPins.Embedded.Single(p => p.File == "kubernetes-v1.33/api__v1_openapi.json").Url.ToString().Should().Be(
            "https://raw.githubusercontent.com/kubernetes-sigs/kubectl-validate/a97ccfaca20b164819afdae780392496f6ed6bbd/pkg/openapiclient/builtins/1.33/api/v1.json");
    }

    [Fact]
    public void TheEmbeddedPinsAreThoseOfThePinnedSchemaFolder()
    {
        var folder = TestPaths.SchemasDir;
        Assert.SkipWhen(folder is null, "No schema folder with a SOURCES.md here (INFERENCEBOX_SCHEMAS unset, no ../shared/schemas): " +
            "the schemas were downloaded and verified against the embedded sums instead.");
        var fromFolder = SchemaPins.Parse(File.ReadAllText(Path.Combine(folder!, "SOURCES.md")), File.ReadAllText(Path.Combine(folder!, "SHA256SUMS")));
        SchemaPins.Embedded.Should().BeEquivalentTo(fromFolder, "src/InferenceBox.Platform/Schemas/Pins must be copies of the schema folder's SOURCES.md and SHA256SUMS");
    }

    [Fact]
    public void AChecksumWithoutASourceIsRejected() =>
        FluentActions.Invoking(() => SchemaPins.Parse("| file | repository |\n", "ab  ./crds/x.yaml\n"))
            .Should().Throw<InvalidDataException>().WithMessage("*crds/x.yaml*");
}

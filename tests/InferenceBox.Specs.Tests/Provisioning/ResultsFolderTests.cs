using InferenceBox.Platform.Run;

namespace InferenceBox.Specs.Tests.Provisioning;

public sealed class ResultsFolderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("results-").FullName;

    [Fact]
    public void Claiming_the_folder_removes_what_an_earlier_run_wrote_and_nothing_else()
    {
        foreach (var file in new[] { "bootstrap.log", "provision-report.json", "living-doc.html", "conformance-report.md", "mine.txt" })
            File.WriteAllText(Path.Combine(_dir, file), "old");
        Directory.CreateDirectory(Path.Combine(_dir, "scenarios", "old-failure-123abc"));

        var removed = ResultsFolder.Claim(_dir);

        removed.Should().BeEquivalentTo(["bootstrap.log", "provision-report.json", "living-doc.html", "conformance-report.md", "scenarios"]);
        Directory.EnumerateFileSystemEntries(_dir).Select(Path.GetFileName).Should().Equal("mine.txt");
    }

    [Fact]
    public void A_missing_folder_is_created()
    {
        var target = Path.Combine(_dir, "new");
        ResultsFolder.Claim(target).Should().BeEmpty();
        Directory.Exists(target).Should().BeTrue();
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}

using System.Xml.Linq;
using InferenceBox.Platform.Run;

namespace InferenceBox.Specs.Tests.SupplyChain;

/// <summary>
/// Issue 19 item 12, the suite's own packages: every project restores from a committed lock file (locked mode in CI),
/// NuGet audit is on, and one feed serves every package through source mapping. Read from the MSBuild and NuGet files
/// with an XML reader; that restore really refuses a drifted package is shown by .ci/run's --locked-mode restore.
/// </summary>
public sealed class SuitePackagesTests
{
    private static readonly string Root = RunPaths.RequireRepositoryRoot();

    [Fact]
    public void The_repository_pins_its_packages_by_lock_file_audits_them_and_maps_them_to_one_feed() =>
        Problems(Root).Should().BeEmpty();

    [Fact]
    public void A_project_without_its_lock_file_and_an_unmapped_feed_are_reported()
    {
        var copy = Directory.CreateTempSubdirectory("ibx-packages-").FullName;
        try
        {
            foreach (var file in new[] { "Directory.Build.props", "nuget.config", "InferenceBox.Specs.csproj", "packages.lock.json" })
                File.Copy(Path.Combine(Root, file), Path.Combine(copy, file));
            Directory.CreateDirectory(Path.Combine(copy, "tools", "New"));
            File.WriteAllText(Path.Combine(copy, "tools", "New", "New.csproj"), "<Project Sdk=\"Microsoft.NET.Sdk\" />");
            File.WriteAllText(Path.Combine(copy, "nuget.config"), File.ReadAllText(Path.Combine(copy, "nuget.config"))
                .Replace("</packageSources>", "<add key=\"other\" value=\"https://feed.example/v3/index.json\" /></packageSources>"));

            Problems(copy).Should().BeEquivalentTo(
                "tools/New/New.csproj has no packages.lock.json beside it: restore it once without CI=true and commit the file",
                "nuget.config: feed other has no packageSourceMapping entry, so it could serve any package");
        }
        finally { Directory.Delete(copy, recursive: true); }
    }

    private static List<string> Problems(string root)
    {
        var problems = new List<string>();
        var props = XDocument.Load(Path.Combine(root, "Directory.Build.props"));
        string? Property(string name) => props.Descendants(name).LastOrDefault()?.Value;
        void Require(string name, string value, string why)
        {
            if (Property(name) != value) problems.Add($"Directory.Build.props: {name} must be {value} ({why}), is {Property(name) ?? "unset"}");
        }
        Require("RestorePackagesWithLockFile", "true", "every project commits packages.lock.json");
        Require("RestoreLockedMode", "true", "CI refuses a package that differs from the lock");
        Require("NuGetAudit", "true", "known advisories fail the build");
        Require("NuGetAuditMode", "all", "transitive packages too");
        if (props.Descendants("RestoreLockedMode").LastOrDefault()?.Attribute("Condition")?.Value.Contains("'$(CI)' == 'true'") != true)
            problems.Add("Directory.Build.props: RestoreLockedMode must apply when CI is true");

        foreach (var project in Directory.EnumerateFiles(root, "*.csproj", SearchOption.AllDirectories)
                     .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}") && !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")))
            if (!File.Exists(Path.Combine(Path.GetDirectoryName(project)!, "packages.lock.json")))
                problems.Add($"{Path.GetRelativePath(root, project).Replace('\\', '/')} has no packages.lock.json beside it: " +
                             "restore it once without CI=true and commit the file");

        var config = XDocument.Load(Path.Combine(root, "nuget.config"));
        var sources = config.Root!.Element("packageSources")!;
        if (sources.Element("clear") is null) problems.Add("nuget.config: packageSources must start with <clear/>, so no user or machine feed joins");
        var mapped = config.Root.Element("packageSourceMapping")?.Elements("packageSource").Select(e => e.Attribute("key")!.Value).ToHashSet() ?? [];
        foreach (var key in sources.Elements("add").Select(e => e.Attribute("key")!.Value).Where(k => !mapped.Contains(k)))
            problems.Add($"nuget.config: feed {key} has no packageSourceMapping entry, so it could serve any package");
        return problems;
    }
}

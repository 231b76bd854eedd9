using InferenceBox.Platform.Manifests;
using InferenceBox.Platform.Schemas.Security;
using InferenceBox.Specs.Tests.Schemas;

namespace InferenceBox.Specs.Tests.Security;

/// <summary>
/// The charts whose pods restricted Pod Security would refuse without our values (issue 19 item 8): the repository's
/// values pass; the charts' own defaults (no securityContext in our values, as on main) are refused, rule by rule.
/// </summary>
public sealed class ChartSecurityValuesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ibx-chart-security-").FullName;

    private IReadOnlyList<string> Paths(bool withOurValues)
    {
        Directory.CreateDirectory(Path.Combine(_dir, "values"));
        foreach (var release in new[] { "kserve", "ai-gateway" })
        {
            var ours = File.ReadAllText(Path.Combine(ManifestFiles.FolderOf(TestPaths.RepoRoot), "values", release + ".yaml"));
            File.WriteAllText(Path.Combine(_dir, "values", release + ".yaml"), withOurValues ? ours : "# the chart's defaults\n{}\n");
        }
        var versionLock = VersionLock.Load(Path.Combine(ManifestFiles.FolderOf(TestPaths.RepoRoot), VersionLock.FileName));
        var pinned = new VersionLock
        {
            Charts = versionLock.Charts.Where(c => c.Key is "kserve" or "ai-gateway").ToDictionary(c => c.Key, c => c.Value),
        };
        return ChartValuesCheck.Run(_dir, pinned).Select(e => $"{e.File} {e.Path}: {e.Message}").ToList();
    }

    [Fact]
    public void Our_values_complete_the_restricted_contexts() => Paths(withOurValues: true).Should().BeEmpty();

    [Fact]
    public void The_charts_defaults_are_refused_where_restricted_needs_more()
    {
        var errors = Paths(withOurValues: false);

        errors.Should().HaveCount(4).And.Contain(e => e.StartsWith("values/kserve.yaml .kserve.controller.securityContext.seccompProfile.type: not set (the chart sets none)"))
            .And.Contain(e => e.StartsWith("values/ai-gateway.yaml .controller.podSecurityContext.seccompProfile.type"))
            .And.Contain(e => e.StartsWith("values/ai-gateway.yaml .controller.podSecurityContext.runAsNonRoot"))
            .And.Contain(e => e.StartsWith("values/ai-gateway.yaml .controller.securityContext.allowPrivilegeEscalation"));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}

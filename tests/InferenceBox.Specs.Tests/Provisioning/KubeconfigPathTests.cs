using InferenceBox.Platform.Cluster;

namespace InferenceBox.Specs.Tests.Provisioning;

/// <summary>Tests that set process-wide environment variables: they run alone, never beside another test.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironment
{
    public const string Name = "process environment";
}

/// <summary>
/// The kubeconfig file the suite reads is the one kind writes the cluster's context to: with a multi-entry
/// KUBECONFIG, the first entry that exists as a file, else the last (kubernetes-sigs/kind@v0.29.0
/// pkg/cluster/internal/kubeconfig/internal/kubeconfig/paths.go, pathForMerge).
/// </summary>
[Collection(ProcessEnvironment.Name)]
public sealed class KubeconfigPathTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ibx-kubeconfig-").FullName;
    private readonly string? _saved = Environment.GetEnvironmentVariable("KUBECONFIG");

    private string File(string name, bool exists)
    {
        var path = Path.Combine(_dir, name);
        if (exists) System.IO.File.WriteAllText(path, "apiVersion: v1\nkind: Config\n");
        return path;
    }

    [Fact]
    public void The_first_entry_that_exists_is_the_file_kind_writes_to()
    {
        var missing = File("missing", exists: false);
        var present = File("present", exists: true);
        var later = File("later", exists: true);
        Environment.SetEnvironmentVariable("KUBECONFIG", string.Join(Path.PathSeparator, "", missing, present, later));

        KubeClientFactory.KubeconfigPath(null).Should().Be(present);
    }

    [Fact]
    public void When_no_entry_exists_kind_writes_the_last_one()
    {
        var first = File("first", exists: false);
        var last = File("last", exists: false);
        Directory.CreateDirectory(Path.Combine(_dir, "a-directory"));
        Environment.SetEnvironmentVariable("KUBECONFIG",
            string.Join(Path.PathSeparator, first, Path.Combine(_dir, "a-directory"), last, first));

        KubeClientFactory.KubeconfigPath(null).Should().Be(last);
    }

    [Fact]
    public void The_suites_own_setting_wins_over_KUBECONFIG()
    {
        Environment.SetEnvironmentVariable("KUBECONFIG", File("present", exists: true));

        KubeClientFactory.KubeconfigPath("/explicit/config").Should().Be("/explicit/config");
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("KUBECONFIG", _saved);
        Directory.Delete(_dir, recursive: true);
    }
}

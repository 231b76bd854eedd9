using InferenceBox.Platform.Run;
using InferenceBox.Platform.Settings;

namespace InferenceBox.Specs.Tests.Docs;

/// <summary>The README is the contract users read: every setting and every feature tag must be in it.</summary>
public sealed class ReadmeTests
{
    private static readonly string Root = RunPaths.RepositoryRoot();
    private static readonly string Readme = File.ReadAllText(Path.Combine(Root, "README.md"));

    public static TheoryData<string> Variables() => [.. SettingsLoader.Definitions.Select(d => d.Variable)];

    [Theory]
    [MemberData(nameof(Variables))]
    public void Every_setting_is_in_the_settings_table(string variable) =>
        Readme.Should().Contain($"| `{variable}` |", "README's settings table lists every INFERENCEBOX_ variable");

    [Fact]
    public void The_settings_table_is_the_one_the_code_generates()
    {
        var rows = Readme.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.StartsWith("| `" + SettingsLoader.Prefix, StringComparison.Ordinal));
        rows.Should().Equal(SettingsLoader.TableRows(),
            "README's settings table is SettingsLoader.TableRows(), generated from the definitions (meaning, default, allowed)");
    }

    [Fact]
    public void Every_feature_tag_is_in_the_tags_table()
    {
        var tags = Directory.GetFiles(Path.Combine(Root, "Features"), "*.feature", SearchOption.AllDirectories)
            .SelectMany(File.ReadAllLines).Select(l => l.Trim()).Where(l => l.StartsWith('@'))
            .SelectMany(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(t => t.StartsWith('@')).Distinct();
        tags.Should().OnlyContain(t => Readme.Contains($"| `{t}` |"), "README's tags table lists every tag a feature uses");
    }

    [Fact]
    public void The_readme_explains_the_rehearsal_and_how_to_run_the_adapters_tests_against_a_real_cluster()
    {
        Readme.Should().Contain("INFERENCEBOX_MODE=rehearse dotnet test InferenceBox.Specs.csproj");
        Readme.Should().Contain("What it does not prove");
        Readme.Should().Contain($"{Cluster.AdapterTarget.ContextVariable}=kind-");
        File.ReadAllText(Path.Combine(Root, ".ci", "run")).Should().Contain("INFERENCEBOX_MODE=rehearse");
    }

    [Fact]
    public void The_ci_script_runs_the_test_command_the_readme_gives()
    {
        var ci = File.ReadAllText(Path.Combine(Root, ".ci", "run"));
        Readme.Should().Contain("dotnet test tests/InferenceBox.Specs.Tests");
        ci.Should().Contain("dotnet test tests/InferenceBox.Specs.Tests");
    }
}

/// <summary>The table of Features/README.md names, for each scenario, the offline test of its judge: each must exist.</summary>
public sealed class FeatureDefectTableTests
{
    [Fact]
    public void Every_offline_test_the_table_names_exists()
    {
        var root = RunPaths.RepositoryRoot();
        var table = File.ReadAllText(Path.Combine(root, "Features", "README.md"));
        var named = System.Text.RegularExpressions.Regex.Matches(table, @"`([A-Z][A-Za-z]+/[A-Za-z]+Tests)`").Select(m => m.Groups[1].Value).Distinct().ToList();

        named.Should().HaveCountGreaterThan(20);
        named.Where(t => !File.Exists(Path.Combine(root, "tests", "InferenceBox.Specs.Tests", t + ".cs"))).Should().BeEmpty();
    }
}

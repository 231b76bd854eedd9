using InferenceBox.Platform.Settings;

namespace InferenceBox.Specs.Tests.Provisioning;

public sealed class SettingsValidationTests
{
    /// <summary>One invalid value per setting; a new setting without a row here fails the coverage test.</summary>
    public static readonly TheoryData<string, string> InvalidValues = new()
    {
        { "DRY_RUN", "maybe" }, { "MODE", "destroy" }, { "MODE", "1" }, { "KUBE_CONTEXT", "   " }, { "KUBECONFIG", " " },
        { "TEARDOWN", "sometimes" }, { "KEEP_ON_FAILURE", "perhaps" }, { "PROFILE", "huge" }, { "TIMEOUT_SCALE", "0" },
        { "TIMEOUT_SCALE", "fast" }, { "TIMEOUT_SCALE", "25" }, { "RESULTS_DIR", "" }, { "SCHEMAS", "/no/such/folder" },
        { "SCHEMAS_CACHE", " " }, { "TOOLS_CACHE", "" }, { "GATEWAY_URL", "not a url" }, { "AI_GATEWAY_URL", "127.0.0.1:8081" }, { "ISSUER_URL", "ftp://x/issuer" },
        // Issue 13: tokens travel over HTTPS only; the plain HTTP address is the redirecting one.
        { "GATEWAY_URL", "http://127.0.0.1:8080" }, { "ISSUER_URL", "http://127.0.0.1:8080/issuer" },
        { "GATEWAY_HTTP_URL", "https://127.0.0.1:8443" }, { "AI_GATEWAY_URL", "http://127.0.0.1:8081" }, { "GATEWAY_CA_FILE", "/no/such/ca.pem" },
        { "PROMETHEUS_URL", "localhost:30090" }, { "JAEGER_URL", "/jaeger" }, { "GRAFANA_URL", "grafana" }, { "KIALI_URL", "kiali:30201" },
        { "SIGNING_KEY_FILE", "/no/such/key.pem" }, { "CLIENT_CREDENTIALS_DIR", "/no/such/folder" },
    };

    [Theory]
    [MemberData(nameof(InvalidValues))]
    public void Every_invalid_value_names_the_variable_the_value_and_what_is_allowed(string name, string value)
    {
        var variable = SettingsLoader.Prefix + name;
        var definition = SettingsLoader.Definitions.Single(d => d.Variable == variable);

        var act = () => SettingsLoader.Load(new Dictionary<string, string> { [variable] = value }.GetValueOrDefault);

        act.Should().Throw<SettingsException>()
            .Where(e => e.Variable == variable && e.Value == value)
            .WithMessage($"Invalid setting {variable}=\"{value}\"*allowed values are {definition.Allowed}*Fix or unset {variable}*");
    }

    [Fact]
    public void Every_setting_has_an_invalid_value_case() =>
        SettingsLoader.Definitions.Select(d => d.Name).Should()
            .BeSubsetOf(InvalidValues.Select(row => row.Data.Item1));

    [Theory]
    [InlineData("attach", RunMode.Attach)]
    [InlineData("Provision", RunMode.Provision)]
    public void Modes_parse(string value, RunMode expected) =>
        SettingsLoader.Load(new Dictionary<string, string> { ["INFERENCEBOX_MODE"] = value }.GetValueOrDefault).Mode.Should().Be(expected);

    [Fact]
    public void Teardown_accepts_delete_on_success_and_keep_is_the_default()
    {
        SettingsLoader.Load(_ => null).Teardown.Should().Be(TeardownPolicy.Keep);
        SettingsLoader.Load(new Dictionary<string, string> { ["INFERENCEBOX_TEARDOWN"] = "delete-on-success" }.GetValueOrDefault)
            .Teardown.Should().Be(TeardownPolicy.DeleteOnSuccess);
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("1")]
    [InlineData("TRUE")]
    [InlineData("True")]
    [InlineData("no")]
    [InlineData("0")]
    public void Booleans_accept_exactly_what_the_readme_says(string value)
    {
        var act = () => SettingsLoader.Load(new Dictionary<string, string> { ["INFERENCEBOX_DRY_RUN"] = value }.GetValueOrDefault);

        act.Should().Throw<SettingsException>().WithMessage($"Invalid setting INFERENCEBOX_DRY_RUN=\"{value}\": allowed values are true, false. Fix or unset INFERENCEBOX_DRY_RUN*");
        SettingsLoader.Load(new Dictionary<string, string> { ["INFERENCEBOX_KEEP_ON_FAILURE"] = "true" }.GetValueOrDefault).KeepOnFailure.Should().BeTrue();
        SettingsLoader.Load(new Dictionary<string, string> { ["INFERENCEBOX_DRY_RUN"] = "false" }.GetValueOrDefault).DryRun.Should().BeFalse();
    }

    [Theory]
    [InlineData("INFERENCEBOX_MOD", "INFERENCEBOX_MODE")]
    [InlineData("INFERENCEBOX_DRYRUN", "INFERENCEBOX_DRY_RUN")]
    [InlineData("INFERENCEBOX_KUBE_CONTXT", "INFERENCEBOX_KUBE_CONTEXT")]
    [InlineData("INFERENCEBOX_results_dir", "INFERENCEBOX_RESULTS_DIR")]
    [InlineData("INFERENCEBOX_SCHEMA", "INFERENCEBOX_SCHEMAS")]
    public void A_misspelt_setting_is_named_with_the_closest_valid_one(string misspelt, string meant) =>
        SettingNames.Unknown(["PATH", "INFERENCEBOX_MODE", misspelt]).Should().ContainSingle()
            .Which.ToString().Should().Be($"{misspelt} is not a setting and is ignored; did you mean {meant}? (README, Settings)");

    [Fact]
    public void A_name_far_from_every_setting_gets_no_guess() =>
        SettingNames.Unknown(["INFERENCEBOX_FOO"]).Should().ContainSingle().Which.Closest.Should().BeNull();

    [Fact]
    public void A_misspelt_name_in_the_settings_file_is_refused_with_the_closest_valid_one()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("settings-").FullName, "settings.json");
        File.WriteAllText(file, """{"INFERENCEBOX_MOD": "attach"}""");

        var act = () => SettingsLoader.Load(new Dictionary<string, string> { ["INFERENCEBOX_CONFIG_FILE"] = file }.GetValueOrDefault);

        act.Should().Throw<SettingsException>().WithMessage("Invalid setting INFERENCEBOX_MOD=\"attach\" (from *settings.json)*did you mean INFERENCEBOX_MODE?*");
    }

    [Fact]
    public void Unset_schemas_are_the_shared_folder_beside_the_repository_when_it_exists_in_every_mode()
    {
        var root = Directory.CreateTempSubdirectory("layout-").FullName;
        var repo = Directory.CreateDirectory(Path.Combine(root, "repo")).FullName;
        SettingsLoader.Load(_ => null, repo).SchemasDir.Should().BeNull("no ../shared/schemas: they are downloaded into the cache");

        var shared = Directory.CreateDirectory(Path.Combine(root, "shared", "schemas")).FullName;
        foreach (var mode in new[] { "provision", "attach" })
            SettingsLoader.Load(new Dictionary<string, string> { ["INFERENCEBOX_MODE"] = mode }.GetValueOrDefault, repo).SchemasDir.Should().Be(shared, mode);
        var elsewhere = Directory.CreateDirectory(Path.Combine(root, "mine")).FullName;
        SettingsLoader.Load(new Dictionary<string, string> { ["INFERENCEBOX_SCHEMAS"] = elsewhere }.GetValueOrDefault, repo).SchemasDir
            .Should().Be(elsewhere, "the setting wins over the default");
    }
}

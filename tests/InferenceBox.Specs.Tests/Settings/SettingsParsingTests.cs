using InferenceBox.Platform.Settings;

namespace InferenceBox.Specs.Tests.Settings;

/// <summary>
/// Every setting's valid values land, exactly, in the property they name; limits hold exactly at their edges; the
/// environment wins over the settings file, and an error from the file names the file (issue 20: settings mutants).
/// </summary>
public sealed class SettingsParsingTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("settings-parsing-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Nothing_set_is_every_default()
    {
        var settings = SettingsLoader.Load(_ => null);

        settings.Should().BeEquivalentTo(new InferenceBoxSettings());
        (settings.Mode, settings.Teardown, settings.Profile, settings.TimeoutScale, settings.DryRun, settings.KeepOnFailure)
            .Should().Be((RunMode.Provision, TeardownPolicy.Keep, PlatformProfile.Default, 1.0, false, false));
        settings.KubeContext.Should().Be("kind-inference-in-a-box");
        settings.ConfigFile.Should().BeNull();
    }

    [Fact]
    public void Each_valid_value_sets_its_own_property_trimmed_where_text()
    {
        var key = Path.Combine(_dir, "key.pem");
        File.WriteAllText(key, "pem");
        var settings = Load(new()
        {
            ["DRY_RUN"] = "true", ["MODE"] = "attach", ["KUBE_CONTEXT"] = " staging ", ["KUBECONFIG"] = " /k/config ",
            ["TEARDOWN"] = "delete-on-success", ["KEEP_ON_FAILURE"] = "true", ["PROFILE"] = "FULL", ["TIMEOUT_SCALE"] = "2.5",
            ["RESULTS_DIR"] = " out ", ["SCHEMAS"] = _dir, ["SCHEMAS_CACHE"] = " sc ", ["TOOLS_CACHE"] = " tc ",
            ["GATEWAY_URL"] = " https://gw.example:8443 ", ["ISSUER_URL"] = "https://i/issuer", ["PROMETHEUS_URL"] = "http://p:1",
            ["JAEGER_URL"] = "http://j:2", ["GRAFANA_URL"] = "http://g:3", ["KIALI_URL"] = "http://k:4",
            ["SIGNING_KEY_FILE"] = key, ["CLIENT_CREDENTIALS_DIR"] = _dir,
        });

        settings.Should().BeEquivalentTo(new InferenceBoxSettings
        {
            DryRun = true, Mode = RunMode.Attach, KubeContext = "staging", Kubeconfig = "/k/config", Teardown = TeardownPolicy.DeleteOnSuccess,
            KeepOnFailure = true, Profile = PlatformProfile.Full, TimeoutScale = 2.5, ResultsDir = "out", SchemasDir = Path.GetFullPath(_dir),
            SchemasCacheDir = "sc", ToolsCacheDir = "tc", GatewayUrl = new Uri("https://gw.example:8443"), IssuerUrl = new Uri("https://i/issuer"),
            PrometheusUrl = new Uri("http://p:1"), JaegerUrl = new Uri("http://j:2"), GrafanaUrl = new Uri("http://g:3"), KialiUrl = new Uri("http://k:4"),
            SigningKeyFile = Path.GetFullPath(key), ClientCredentialsDir = Path.GetFullPath(_dir),
        });
        Load(new() { ["DRY_RUN"] = "false", ["KEEP_ON_FAILURE"] = "false", ["TEARDOWN"] = "Delete" })
            .Should().Match<InferenceBoxSettings>(s => !s.DryRun && !s.KeepOnFailure && s.Teardown == TeardownPolicy.Delete);
    }

    [Theory]
    [InlineData("0.1", true)]
    [InlineData("20", true)]
    [InlineData("0.09", false)]
    [InlineData("20.01", false)]
    [InlineData("1e1", true)]
    public void The_timeout_scale_is_a_number_from_a_tenth_to_twenty_inclusive(string value, bool valid)
    {
        var act = () => Load(new() { ["TIMEOUT_SCALE"] = value });

        if (valid) act().TimeoutScale.Should().Be(double.Parse(value, System.Globalization.CultureInfo.InvariantCulture));
        else act.Should().Throw<SettingsException>().Which.Allowed.Should().Be("a number from 0.1 to 20");
    }

    [Theory]
    [InlineData("MODE", "2")]
    [InlineData("TEARDOWN", "0")]
    [InlineData("PROFILE", "-1")]
    public void An_enum_is_never_read_from_its_number(string name, string value) =>
        FluentActions.Invoking(() => Load(new() { [name] = value })).Should().Throw<SettingsException>().Which.Value.Should().Be(value);

    [Fact]
    public void The_environment_wins_over_the_file_and_the_file_fills_in_the_rest()
    {
        var file = WriteFile("""{"INFERENCEBOX_MODE": "attach", "INFERENCEBOX_PROFILE": "full", "INFERENCEBOX_TIMEOUT_SCALE": 3}""");

        var settings = Load(new() { ["CONFIG_FILE"] = file, ["MODE"] = "provision" });

        (settings.Mode, settings.Profile, settings.TimeoutScale, settings.ConfigFile).Should().Be((RunMode.Provision, PlatformProfile.Full, 3.0, file));
    }

    [Fact]
    public void A_bad_value_names_the_file_it_came_from_and_not_when_it_came_from_the_environment()
    {
        var file = WriteFile("""{"INFERENCEBOX_PROFILE": "huge"}""");

        FluentActions.Invoking(() => Load(new() { ["CONFIG_FILE"] = file })).Should().Throw<SettingsException>()
            .WithMessage($"Invalid setting INFERENCEBOX_PROFILE=\"huge\" (from {file}): allowed values are default, full. Fix or unset INFERENCEBOX_PROFILE and run again.");
        var fromEnvironment = FluentActions.Invoking(() => Load(new() { ["CONFIG_FILE"] = file, ["PROFILE"] = "tiny" })).Should().Throw<SettingsException>().Which;
        fromEnvironment.Message.Should().StartWith("Invalid setting INFERENCEBOX_PROFILE=\"tiny\": allowed values");
        fromEnvironment.Cause.Should().Be("Invalid setting INFERENCEBOX_PROFILE=\"tiny\": allowed values are default, full.");
        fromEnvironment.Fix.Should().Be("Fix or unset INFERENCEBOX_PROFILE and run again (README, Settings).");
    }

    [Theory]
    [InlineData(null, "an existing JSON file of {\"INFERENCEBOX_…\": \"value\"}")]
    [InlineData("{ not json", "a JSON object of string values (*")]
    [InlineData("[1, 2]", "a JSON object of string values (*")]
    public void A_settings_file_that_is_missing_or_not_a_json_object_is_refused(string? content, string allowed)
    {
        var file = content is null ? Path.Combine(_dir, "missing.json") : WriteFile(content);

        FluentActions.Invoking(() => Load(new() { ["CONFIG_FILE"] = file })).Should().Throw<SettingsException>()
            .Where(e => e.Variable == "INFERENCEBOX_CONFIG_FILE" && e.Value == file)
            .WithMessage($"*allowed values are {allowed}*");
    }

    [Fact]
    public void An_empty_config_file_setting_reads_no_file() =>
        Load(new() { ["CONFIG_FILE"] = "" }).Should().BeEquivalentTo(new InferenceBoxSettings { ConfigFile = "" });

    [Fact]
    public void Only_unknown_names_with_the_prefix_are_reported_in_order_with_a_guess_when_close()
    {
        var unknown = SettingNames.Unknown(["PATH", "INFERENCEBOX_MODE", "INFERENCEBOX_PROFIL", "INFERENCEBOX_AAA_UNRELATED_THING", "inferencebox_mode"]);

        unknown.Should().Equal(new UnknownSetting("INFERENCEBOX_AAA_UNRELATED_THING", null), new UnknownSetting("INFERENCEBOX_PROFIL", "INFERENCEBOX_PROFILE"));
        unknown[1].ToString().Should().Be("INFERENCEBOX_PROFIL is not a setting and is ignored; did you mean INFERENCEBOX_PROFILE? (README, Settings)");
        unknown[0].ToString().Should().Be("INFERENCEBOX_AAA_UNRELATED_THING is not a setting and is ignored (README, Settings)");
    }

    [Theory]
    [InlineData("INFERENCEBOX_MOD", "INFERENCEBOX_MODE")]            // 1 edit
    [InlineData("INFERENCEBOX_MO", "INFERENCEBOX_MODE")]             // 2 edits: the floor of the tolerance
    [InlineData("INFERENCEBOX_M", null)]                             // 3 edits: beyond it
    [InlineData("INFERENCEBOX_RESULTS_", "INFERENCEBOX_RESULTS_DIR")] // 3 edits: a third of RESULTS_DIR's 11 letters
    [InlineData("INFERENCEBOX_RESULTS", null)]                       // 4 edits: beyond it
    [InlineData("INFERENCEBOX_MIDA", "INFERENCEBOX_MODE")]           // 2 substitutions, each one edit
    public void A_guess_is_offered_within_a_third_of_the_name_and_never_fewer_than_two_edits(string name, string? closest) =>
        SettingNames.Closest(name).Should().Be(closest);

    [Fact]
    public void A_rehearsal_is_a_dry_run_of_the_scenarios_whatever_DRY_RUN_says()
    {
        Load(new() { ["MODE"] = "rehearse", ["DRY_RUN"] = "false" }).Should().Match<InferenceBoxSettings>(s => s.Mode == RunMode.Rehearse && s.DryRun);
        Load(new() { ["MODE"] = "provision" }).DryRun.Should().BeFalse();
    }

    private InferenceBoxSettings Load(Dictionary<string, string> values) =>
        SettingsLoader.Load(values.ToDictionary(v => SettingsLoader.Prefix + v.Key, v => v.Value).GetValueOrDefault);

    private string WriteFile(string json)
    {
        var file = Path.Combine(_dir, $"settings-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, json);
        return file;
    }

    /// <summary>Defaults that describe where a value comes from rather than being one (a path under $HOME, a cluster's Secret).</summary>
    private static readonly string[] DescribedDefaults =
        ["KUBECONFIG", "SCHEMAS", "SCHEMAS_CACHE", "TOOLS_CACHE", "GATEWAY_CA_FILE", "SIGNING_KEY_FILE", "CLIENT_CREDENTIALS_DIR"];

    public static TheoryData<string> ValueDefaults() =>
        [.. SettingsLoader.Definitions.Select(d => d.Name).Where(n => !DescribedDefaults.Contains(n))];

    [Theory]
    [MemberData(nameof(ValueDefaults))]
    public void The_default_a_setting_documents_is_the_value_the_settings_start_with(string name)
    {
        var definition = SettingsLoader.Definitions.Single(d => d.Name == name);
        definition.Apply(new InferenceBoxSettings(), definition.Default).Should().Be(new InferenceBoxSettings(),
            $"setting {definition.Variable} to its documented default \"{definition.Default}\" changes nothing");
    }
}

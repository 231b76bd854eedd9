using FluentAssertions;
using InferenceBox.Specs.Support.Settings;
using Xunit;

namespace InferenceBox.Specs.Tests.Provisioning;

public sealed class SettingsValidationTests
{
    /// <summary>One invalid value per setting; a new setting without a row here fails the coverage test.</summary>
    public static readonly TheoryData<string, string> InvalidValues = new()
    {
        { "DRY_RUN", "maybe" }, { "MODE", "destroy" }, { "MODE", "1" }, { "KUBE_CONTEXT", "   " }, { "KUBECONFIG", " " },
        { "TEARDOWN", "sometimes" }, { "KEEP_ON_FAILURE", "perhaps" }, { "PROFILE", "huge" }, { "TIMEOUT_SCALE", "0" },
        { "TIMEOUT_SCALE", "fast" }, { "TIMEOUT_SCALE", "25" }, { "RESULTS_DIR", "" }, { "SCHEMAS", "/no/such/folder" },
        { "SCHEMAS_CACHE", " " }, { "TOOLS_CACHE", "" }, { "GATEWAY_URL", "not a url" }, { "ISSUER_URL", "ftp://x/issuer" },
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
}

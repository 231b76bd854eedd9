namespace InferenceBox.ReqnrollXunit.Tests;

/// <summary>ReqnrollXunitDryRunWhen: other settings that ask for the dry run too (the suite: INFERENCEBOX_MODE=rehearse).</summary>
public sealed class DryRunWhenTests
{
    private static bool Asks(string conditions, Dictionary<string, string?> environment) =>
        BridgeSettings.AsksForDryRun("FIXTURE_DRY_RUN", BridgeSettings.ParseConditions(conditions), v => environment.GetValueOrDefault(v));

    [Theory]
    [InlineData("rehearse", true)]
    [InlineData(" Rehearse ", true)]
    [InlineData("provision", false)]
    [InlineData(null, false)]
    public void A_listed_variable_with_its_value_asks_for_the_dry_run(string? mode, bool dry) =>
        Asks("FIXTURE_MODE=rehearse", new() { ["FIXTURE_MODE"] = mode }).Should().Be(dry);

    [Fact]
    public void The_dry_run_variable_still_asks_for_it_alone() =>
        Asks("FIXTURE_MODE=rehearse", new() { ["FIXTURE_DRY_RUN"] = "true", ["FIXTURE_MODE"] = "provision" }).Should().BeTrue();

    [Fact]
    public void Several_conditions_are_separated_by_semicolons_and_a_malformed_one_is_refused()
    {
        BridgeSettings.ParseConditions("A=1; B = two").Should().Equal(("A", "1"), ("B", "two"));
        FluentActions.Invoking(() => BridgeSettings.ParseConditions("A=1;oops")).Should().Throw<InvalidOperationException>()
            .WithMessage("*\"oops\" is not VARIABLE=value*");
    }
}

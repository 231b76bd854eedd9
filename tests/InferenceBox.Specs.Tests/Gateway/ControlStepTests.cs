using System.Text.RegularExpressions;
using Gherkin;
using Gherkin.Ast;

namespace InferenceBox.Specs.Tests.Gateway;

/// <summary>
/// Issue 17 item 2: a refusal on a platform that refuses everything proves nothing, so every scenario that expects a
/// call to be refused shows, in the same scenario and right before that call, the owner being served ("as a control,
/// …"). A refused call is a When step that "attempts to call", "attempts to send" or "sends a burst".
/// </summary>
public sealed partial class ControlStepTests
{
    public static TheoryData<string> Features => new()
    {
        "Auth/jwt-rejection.feature", "Tenancy/tenant-isolation.feature", "Tenancy/mtls.feature", "Tenancy/rate-limit.feature",
    };

    [Theory]
    [MemberData(nameof(Features))]
    public void Every_refused_call_follows_its_own_control(string feature)
    {
        var document = new Parser().Parse(Path.Combine(InferenceBox.Platform.Run.RunPaths.RequireRepositoryRoot(), "Features", feature));
        var problems = new List<string>();
        foreach (var scenario in document.Feature.Children.OfType<Scenario>())
        {
            var steps = scenario.Steps.ToList();
            var refused = steps.FindIndex(s => RefusedCall().IsMatch(s.Text));
            if (refused < 0 || !ExpectsRefusal(steps.Skip(refused + 1))) continue;
            if (refused == 0 || !steps[refused - 1].Text.StartsWith("as a control, ", StringComparison.Ordinal))
                problems.Add($"\"{scenario.Name}\" (line {scenario.Location.Line}): the step before \"{steps[refused].Text}\" is not its control");
        }
        problems.Should().BeEmpty();
    }

    private static bool ExpectsRefusal(IEnumerable<Step> after) =>
        after.Any(s => s.Text.Contains("refuse", StringComparison.Ordinal) || s.Text.Contains("429", StringComparison.Ordinal)
                       || s.Text.Contains("reset", StringComparison.Ordinal));

    [GeneratedRegex("attempts to (call|send)|sends a burst")]
    private static partial Regex RefusedCall();
}

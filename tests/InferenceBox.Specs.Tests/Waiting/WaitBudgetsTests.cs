using System.Reflection;
using System.Text.RegularExpressions;
using InferenceBox.Platform.Waiting;
using Microsoft.Extensions.Time.Testing;
using InferenceBox.Platform.Emulator.Operations;

namespace InferenceBox.Specs.Tests.Waiting;

/// <summary>The one budget table: exact values, one scale for all, a clock that is a parameter (issue 20).</summary>
public sealed class WaitBudgetsTests
{
    private static readonly IReadOnlyList<FieldInfo> Names = typeof(WaitBudgets.Names)
        .GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).ToList();

    [Fact]
    public void Every_budget_of_the_table_has_a_typed_property_and_every_property_a_budget()
    {
        var typed = typeof(WaitBudgets).GetProperties().Where(p => p.PropertyType == typeof(TimeSpan) && p.GetIndexParameters().Length == 0).Select(p => p.Name);
        typed.Should().BeEquivalentTo(Names.Select(n => n.Name));
        WaitBudgets.AllNames.Should().BeEquivalentTo(Names.Select(n => (string)n.GetRawConstantValue()!));
    }

    [Fact]
    public void Each_typed_budget_is_its_named_budget_scaled_by_the_timeout_scale()
    {
        var (plain, doubled) = (new WaitBudgets(), new WaitBudgets(2.0));
        foreach (var name in Names)
        {
            var property = typeof(WaitBudgets).GetProperty(name.Name)!;
            var budget = (TimeSpan)property.GetValue(plain)!;
            budget.Should().Be(plain[(string)name.GetRawConstantValue()!]).And.BePositive();
            ((TimeSpan)property.GetValue(doubled)!).Should().Be(budget * 2, $"{name.Name} scales with INFERENCEBOX_TIMEOUT_SCALE");
        }
    }

    [Fact]
    public void Every_budget_is_named_once_in_kebab_case_and_the_names_class_lists_them_all()
    {
        var constants = typeof(WaitBudgets.Names).GetFields().Select(f => (string)f.GetRawConstantValue()!).ToArray();

        WaitBudgets.AllNames.Should().BeEquivalentTo(constants).And.OnlyHaveUniqueItems()
            .And.OnlyContain(n => Regex.IsMatch(n, "^[a-z]+(-[a-z]+)*$"));
    }

    [Theory]
    [InlineData(WaitBudgets.Names.DockerPing, 5)]
    [InlineData(WaitBudgets.Names.ApiCall, 30)]
    [InlineData(WaitBudgets.Names.ScrapeDelta, 90)]
    [InlineData(WaitBudgets.Names.GatewayRequest, 240)]
    [InlineData(WaitBudgets.Names.GatewayAccessLog, 45)]
    [InlineData(WaitBudgets.Names.RateLimitWindow, 90)] // a local limit's one-minute refill (TokenBucket.PerMinute) plus 30 s of slack
    public void A_budget_is_its_table_value_times_the_scale(string name, int seconds)
    {
        new WaitBudgets()[name].Should().Be(TimeSpan.FromSeconds(seconds));
        new WaitBudgets(2.5)[name].Should().Be(TimeSpan.FromSeconds(seconds * 2.5));
        new WaitBudgets(0.1)[name].Should().Be(TimeSpan.FromTicks((long)(TimeSpan.FromSeconds(seconds).Ticks * 0.1)));
    }

    [Fact]
    public void One_gateway_attempt_outlasts_the_routes_request_timeout_so_the_gateways_504_arrives_first() =>
        // manifests/gateway/httproute-tenant-*.yaml: timeouts.request 90s.
        new WaitBudgets()[WaitBudgets.Names.GatewayAttempt].Should().Be(TimeSpan.FromSeconds(100)).And.BeGreaterThan(TimeSpan.FromSeconds(90));

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void A_scale_that_is_not_positive_is_refused(double scale) =>
        FluentActions.Invoking(() => new WaitBudgets(scale)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("scale");

    [Fact]
    public void The_clock_is_the_systems_unless_one_is_given()
    {
        var fake = new FakeTimeProvider();

        new WaitBudgets().Clock.Should().BeSameAs(TimeProvider.System);
        new WaitBudgets(1, fake).Clock.Should().BeSameAs(fake);
        new WaitBudgets(3).Scale.Should().Be(3);
    }

    [Fact]
    public void An_unknown_budget_name_is_a_programming_error_that_says_where_to_add_it() =>
        FluentActions.Invoking(() => new WaitBudgets()["coffee-break"]).Should().Throw<KeyNotFoundException>()
            .WithMessage("No wait budget named 'coffee-break'. Add it to WaitBudgets.");
}

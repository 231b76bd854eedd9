using System.Reflection;
using FluentAssertions;
using InferenceBox.Specs.Support.Waiting;

namespace InferenceBox.Specs.Tests.Waiting;

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
}

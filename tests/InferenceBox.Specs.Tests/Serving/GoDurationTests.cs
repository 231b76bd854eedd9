using InferenceBox.Specs.Support.Serving;

namespace InferenceBox.Specs.Tests.Serving;

/// <summary>
/// Knative's autoscaler durations are Go durations (knative/serving pkg/apis/autoscaling/annotation_validation.go, read
/// at a stored version: time.ParseDuration, and a negative one refused as out of bounds): units h, m, s, ms, us/µs, ns,
/// decimal fractions and several parts in a row; a bare "0" is the one unitless value Go accepts; an empty text is none.
/// One tick is 100 ns, so a nanosecond count is divided by 100 (issue 20: a multiplied one survived).
/// </summary>
public sealed class GoDurationTests
{
    [Theory]
    [InlineData("6s", 6 * TimeSpan.TicksPerSecond)]
    [InlineData("1m30s", 90 * TimeSpan.TicksPerSecond)]
    [InlineData("2h", 2 * TimeSpan.TicksPerHour)]
    [InlineData("1.5s", 15 * TimeSpan.TicksPerSecond / 10)]
    [InlineData("500ms", 500 * TimeSpan.TicksPerMillisecond)]
    [InlineData("250us", 250 * TimeSpan.TicksPerMicrosecond)]
    [InlineData("3µs", 3 * TimeSpan.TicksPerMicrosecond)]
    [InlineData("1500ns", 15)]
    [InlineData("1h1m1s1ms", TimeSpan.TicksPerHour + TimeSpan.TicksPerMinute + TimeSpan.TicksPerSecond + TimeSpan.TicksPerMillisecond)]
    [InlineData("0", 0)]
    [InlineData(" 0s ", 0)]
    public void Go_durations_are_read_to_the_tick(string text, long ticks) =>
        AutoscalerConfig.GoDuration(text, "here").Ticks.Should().Be(ticks);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("6")]
    [InlineData("six")]
    [InlineData("6 s")]
    [InlineData("6s!")]
    [InlineData("x6s")]
    [InlineData("-6s")]
    public void Anything_else_is_refused_naming_where_it_came_from(string text)
    {
        var act = () => AutoscalerConfig.GoDuration(text, "config-autoscaler stable-window");

        act.Should().Throw<FormatException>()
            .WithMessage($"config-autoscaler stable-window: '{text}' is not a Go duration (e.g. 6s, 1m30s).");
    }
}

using InferenceBox.Specs.Support.Serving;

namespace InferenceBox.Specs.Tests.Serving;

/// <summary>
/// Issue 17 item 13: the scale-down budget honours a revision's own pod-retention and scale-down-delay annotations,
/// under both spellings Knative accepts (knative/serving@knative-v1.18.1 pkg/apis/autoscaling/register.go KeyPriority:
/// kebab-case first, then camelCase).
/// </summary>
public sealed class AutoscalerAnnotationsTests
{
    private static readonly Dictionary<string, string> FastProfile = new()
    {
        ["scale-to-zero-grace-period"] = "6s", ["stable-window"] = "6s", ["scale-to-zero-pod-retention-period"] = "0s", ["scale-down-delay"] = "0s",
    };

    [Fact]
    public void The_revisions_retention_and_scale_down_delay_lengthen_the_budget()
    {
        var config = AutoscalerConfig.From(FastProfile, new Dictionary<string, string>
        {
            ["autoscaling.knative.dev/scale-to-zero-pod-retention-period"] = "1m",
            ["autoscaling.knative.dev/scale-down-delay"] = "15s",
        });

        config.Should().Be(new AutoscalerConfig(TimeSpan.FromSeconds(6), TimeSpan.FromSeconds(6), TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(15)));
        config.ScaleToZeroBudget(TimeSpan.FromSeconds(60)).Should().Be(TimeSpan.FromSeconds(6 + 60 + 15 + 60),
            "the window, then the longer of grace and retention, then the delay, then the margin");
    }

    [Fact]
    public void The_camel_case_spellings_count_and_the_kebab_case_one_wins()
    {
        var camel = AutoscalerConfig.From(FastProfile, new Dictionary<string, string>
        {
            ["autoscaling.knative.dev/scaleToZeroPodRetentionPeriod"] = "20s", ["autoscaling.knative.dev/scaleDownDelay"] = "5s",
        });
        (camel.PodRetention, camel.ScaleDownDelay).Should().Be((TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(5)));

        var both = AutoscalerConfig.From(FastProfile, new Dictionary<string, string>
        {
            ["autoscaling.knative.dev/scale-down-delay"] = "7s", ["autoscaling.knative.dev/scaleDownDelay"] = "5s",
        });
        both.ScaleDownDelay.Should().Be(TimeSpan.FromSeconds(7));
    }

    [Fact]
    public void A_bad_annotation_names_itself()
    {
        var act = () => AutoscalerConfig.From(FastProfile, new Dictionary<string, string> { ["autoscaling.knative.dev/scale-down-delay"] = "soon" });
        act.Should().Throw<FormatException>().WithMessage("*annotation autoscaling.knative.dev/scale-down-delay*'soon'*");
    }
}

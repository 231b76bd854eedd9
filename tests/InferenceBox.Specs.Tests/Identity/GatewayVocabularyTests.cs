using InferenceBox.Specs.Support.Gateway;
using InferenceBox.Specs.Support.Tokens;

namespace InferenceBox.Specs.Tests.Identity;

/// <summary>The feature's token phrases, and which check a refusal's body names (the layer: Gateway/RefusalLayerTests).</summary>
public sealed class GatewayVocabularyTests
{
    [Fact]
    public void Every_defect_has_exactly_one_phrase_and_unknown_phrases_fail_listing_the_known_ones()
    {
        TokenDefectPhrases.All.Values.Should().BeEquivalentTo(Enum.GetValues<TokenDefect>());
        TokenDefectPhrases.Parse(" an expired token ").Should().Be(TokenDefect.Expired);
        TokenDefectPhrases.Parse("A TOKEN SIGNED BY AN UNKNOWN KEY").Should().Be(TokenDefect.UnknownSigningKey);
        FluentActions.Invoking(() => TokenDefectPhrases.Parse("a slightly off token"))
            .Should().Throw<ArgumentException>().WithMessage("*\"a slightly off token\"*an expired token*");
    }

    [Theory]
    [InlineData("Jwt is missing", GatewayCheck.Jwt)]
    [InlineData("Jwt verification fails", GatewayCheck.Jwt)]
    [InlineData("Jwks doesn't have key to match kid or alg from Jwt", GatewayCheck.Jwt)]
    [InlineData("Audiences in Jwt are not allowed", GatewayCheck.Jwt)]
    [InlineData("RBAC: access denied", GatewayCheck.Tenant)]
    [InlineData("{\"error\": \"unauthorized\"}", null)]
    [InlineData("{\"predictions\": [1, 1]}", null)]
    [InlineData("Forbidden", null)]
    public void The_body_names_the_check_that_refused(string body, GatewayCheck? check) =>
        GatewayRefusal.CheckOf(body).Should().Be(check);
}

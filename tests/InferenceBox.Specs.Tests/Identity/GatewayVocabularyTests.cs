using FluentAssertions;
using InferenceBox.Specs.Support.Tokens;
using Xunit;

namespace InferenceBox.Specs.Tests.Identity;

/// <summary>The feature's token phrases, and how a gateway refusal is told from a model's answer.</summary>
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

    public static TheoryData<int, string, string?, bool> Answers() => new()
    {
        { 401, "Jwt is missing", "Bearer realm=\"http://127.0.0.1:8080/tenant-a/sklearn-iris/v1/models/sklearn-iris:predict\"", true },
        { 401, "Jwt verification fails", "Bearer realm=\"x\", error=\"invalid_token\"", true },
        { 401, "Jwks doesn't have key to match kid or alg from Jwt", "Bearer realm=\"x\", error=\"invalid_token\"", true },
        { 403, "Audiences in Jwt are not allowed", "Bearer realm=\"x\", error=\"invalid_token\"", true },
        { 403, "RBAC: access denied", null, true },
        { 401, "Jwt is expired", null, false },                                      // no challenge: not jwt_authn
        { 401, "Jwt is expired", "Basic realm=\"x\"", false },
        { 401, "{\"error\": \"unauthorized\"}", "Bearer realm=\"x\"", false },        // a JSON body: the model's side
        { 403, "{\"predictions\": [1, 1]}", null, false },
        { 403, "Forbidden", null, false },
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public void Only_jwt_authn_and_rbac_local_replies_count_as_the_gateways_refusal(int status, string body, string? challenge, bool isGateways)
    {
        var headers = challenge is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["www-authenticate"] = challenge };
        (GatewayRefusal.Problems(status, body, headers).Count == 0).Should().Be(isGateways, "'{0}' with challenge {1}", body, challenge);
    }
}

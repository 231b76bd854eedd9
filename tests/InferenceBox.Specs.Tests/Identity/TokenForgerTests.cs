using System.Text.Json;
using InferenceBox.Specs.Support.Tokens;
using Microsoft.IdentityModel.Tokens;

namespace InferenceBox.Specs.Tests.Identity;

/// <summary>Each forged negative, compared field by field with the valid token it was made from.</summary>
public sealed class TokenForgerTests(IssuerFixture fixture) : IClassFixture<IssuerFixture>
{
    /// <summary>Defect and the header ("h.") and payload fields it may change; nothing else may differ.</summary>
    public static TheoryData<TokenDefect, string[]> Changes() => new()
    {
        { TokenDefect.Expired, ["iat", "nbf", "exp"] },
        { TokenDefect.NotYetValid, ["nbf", "exp"] },
        { TokenDefect.WrongIssuer, ["iss"] },
        { TokenDefect.WrongAudience, ["aud"] },
        { TokenDefect.NoTenantClaim, ["tenant"] },
        { TokenDefect.UnknownKid, ["h.kid"] },
        { TokenDefect.UnknownSigningKey, [] },
        { TokenDefect.Hs256WithPublicKey, ["h.alg"] },
        { TokenDefect.AlgNone, ["h.alg"] },
        { TokenDefect.TamperedPayload, ["sub"] },
        { TokenDefect.BadBase64, [] },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public async Task Forged_negative_differs_from_its_valid_token_only_where_intended(TokenDefect defect, string[] changed)
    {
        using var client = IssuerClient.For(fixture.Issuer.BaseUrl);
        var valid = await fixture.Issuer.TokenAsync("tenant-a");
        var forger = new TokenForger(valid, await client.JwksAsync(TestContext.Current.CancellationToken), TrustedKey.Load(fixture.KeyFile));

        var forged = forger.Forge(defect);

        Fields(forged).Where(f => Fields(valid).GetValueOrDefault(f.Key) != f.Value).Select(f => f.Key)
            .Union(Fields(valid).Keys.Except(Fields(forged).Keys))
            .Should().BeEquivalentTo(changed);
        // A tampered payload keeps the original signature: that is the attack. Every other change is (re)signed.
        (forged.Split('.')[2] == valid.Split('.')[2]).Should().Be(defect == TokenDefect.TamperedPayload);
    }

    private static Dictionary<string, string> Fields(string token)
    {
        var segments = token.Split('.');
        return Read(segments[0], "h.").Concat(Read(segments[1], "")).ToDictionary();

        static IEnumerable<KeyValuePair<string, string>> Read(string segment, string prefix)
        {
            using var json = JsonDocument.Parse(Base64UrlEncoder.Decode(segment));
            return json.RootElement.EnumerateObject().Select(p => KeyValuePair.Create(prefix + p.Name, p.Value.GetRawText())).ToList();
        }
    }
}

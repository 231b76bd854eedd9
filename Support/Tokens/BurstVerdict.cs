namespace InferenceBox.Specs.Support.Tokens;

/// <summary>How a burst of token requests was answered: by the gateway's rate limit, by the issuer, or otherwise.</summary>
public sealed record BurstVerdict(int RateLimited, int RefusedByIssuer, IReadOnlyList<string> Unexpected)
{
    /// <param name="issuerError">The §5.2 error every request that got through must meet (e.g. invalid_client).</param>
    public static BurstVerdict Of(IReadOnlyList<TokenAnswer> answers, int issuerStatus, string issuerError) => new(
        answers.Count(TokenEndpointJudge.IsGatewayRateLimit),
        answers.Count(a => TokenEndpointJudge.RefusalProblems(a, issuerStatus, issuerError).Count == 0),
        answers.Where(a => !TokenEndpointJudge.IsGatewayRateLimit(a) && TokenEndpointJudge.RefusalProblems(a, issuerStatus, issuerError).Count > 0)
            .Select(a => a.ToString()).ToList());

    public override string ToString() =>
        $"{RateLimited} rate-limited by the gateway, {RefusedByIssuer} refused by the issuer, {Unexpected.Count} other: {string.Join("; ", Unexpected.Take(3))}";
}

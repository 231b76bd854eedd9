using InferenceBox.Specs.Support.Gateway;

namespace InferenceBox.Specs.Support.Tokens;

/// <summary>
/// One scenario's client (scenario-scoped, shared by the auth step classes): the credentials it holds, the bearer
/// token it holds, the last answer of the token endpoint and the last gateway exchange. Never printed.
/// </summary>
public sealed class ClientSession
{
    public ClientCredentials? Credentials { get; set; }
    public string? Token { get; set; }
    public TokenAnswer? LastAnswer { get; set; }
    public IReadOnlyList<TokenAnswer> Burst { get; set; } = [];
    public GatewayExchange? LastExchange { get; set; }

    public TokenAnswer Answer => LastAnswer ?? throw new InvalidOperationException("No token request was made: a When step must ask the issuer first.");
    public GatewayExchange Exchange => LastExchange ?? throw new InvalidOperationException("No call was made: a When step must call the gateway first.");
}

using InferenceBox.Specs.Support.Tokens;
using Microsoft.IdentityModel.JsonWebTokens;
using InferenceBox.Platform.Tokens;

namespace InferenceBox.Specs.Tests.Identity;

/// <summary>The run's token holder: one request per tenant while the token has time left, a new one before it runs out.</summary>
public sealed class TenantTokensTests(IssuerFixture fixture) : IClassFixture<IssuerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_tenants_token_is_reused_until_five_minutes_before_it_expires()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var tokens = new TenantTokens(IssuerClient.For(fixture.Issuer.BaseUrl), fixture.Issuer.Clients, clock);

        var first = await tokens.ValidAsync("tenant-a", Ct);
        (await tokens.ValidAsync("tenant-a", Ct)).Should().Be(first);
        new JsonWebToken(await tokens.ValidAsync("tenant-b", Ct)).GetClaim("tenant").Value.Should().Be("tenant-b");

        clock.Advance(TimeSpan.FromMinutes(54));
        (await tokens.ValidAsync("tenant-a", Ct)).Should().Be(first, "six minutes are left");
        clock.Advance(TimeSpan.FromMinutes(2));
        (await tokens.ValidAsync("tenant-a", Ct)).Should().NotBe(first, "with four minutes left a new token is obtained");
    }

    [Fact]
    public async Task A_refused_client_is_reported_with_the_issuers_error_and_never_the_secret()
    {
        var secret = ClientRegistrations.NewSecret();
        var tokens = new TenantTokens(IssuerClient.For(fixture.Issuer.BaseUrl), new FixedCredentials(new ClientCredentials("tenant-a", secret)), TimeProvider.System);
        var e = (await FluentActions.Awaiting(() => tokens.ValidAsync("tenant-a", Ct)).Should().ThrowAsync<IssuerException>()).Which;
        e.Message.Should().Contain("invalid_client").And.Contain("client tenant-a (secret withheld)").And.NotContain(secret);
    }

    private sealed class FixedCredentials(ClientCredentials credentials) : IClientCredentialsSource
    {
        public Task<ClientCredentials> ForTenantAsync(string tenant, CancellationToken ct) => Task.FromResult(credentials);
    }

    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;
        public override DateTimeOffset GetUtcNow() => _now;
        public void Advance(TimeSpan by) => _now += by;
    }
}

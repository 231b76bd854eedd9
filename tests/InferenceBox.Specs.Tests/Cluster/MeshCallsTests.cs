using InferenceBox.Specs.Support.Cluster;

namespace InferenceBox.Specs.Tests.Cluster;

public sealed class MeshCallsTests
{
    [Fact]
    public void No_token_sends_nothing() => MeshCalls.ParseCredentials("with no token", "tenant-b").Should().Be(((string?)null, (IReadOnlyDictionary<string, string>?)null));

    [Theory]
    [InlineData("with a forged \"x-tenant\" header", "x-tenant")]
    [InlineData("with a forged \"x-jwt-tenant\" header", "x-jwt-tenant")]
    public void A_forged_header_claims_the_callees_tenant_without_a_token(string words, string header)
    {
        var (tokenOf, headers) = MeshCalls.ParseCredentials(words, "tenant-b");
        tokenOf.Should().BeNull();
        headers.Should().Equal(new Dictionary<string, string> { [header] = "tenant-b" });
    }

    [Fact]
    public void A_valid_token_is_the_named_tenants() =>
        MeshCalls.ParseCredentials("with tenant-a's valid token", "tenant-b").TokenOf.Should().Be("tenant-a");

    [Fact]
    public void Unknown_words_are_refused_with_the_accepted_forms() =>
        FluentActions.Invoking(() => MeshCalls.ParseCredentials("with a smile", "tenant-b")).Should().Throw<ArgumentException>()
            .WithMessage("*\"with a smile\"*with no token*");
}

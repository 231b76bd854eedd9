using FluentAssertions;
using InferenceBox.Specs.Support.Security;
using Reqnroll;

namespace InferenceBox.Specs.StepDefinitions;

/// <summary>Kiali's login and view-only mode (issue 19 item 1); the RBAC of its service account is <see cref="AccessReviewSteps"/>'.</summary>
[Binding]
public sealed class KialiAccessSteps(KialiAccess kiali, IReqnrollOutputHelper output)
{
    [Given("as a control, Kiali serves {tenant}'s graph to the suite's read-only account, logged in with a short-lived token")]
    public async Task TheReadOnlyAccountIsServed(Tenant tenant) =>
        output.WriteLine($"Kiali's graph of {tenant} for the read-only account: {await kiali.ReadOnlyAccountMustGetGraphAsync(tenant)}");

    [When("an anonymous caller attempts to read {tenant}'s graph from Kiali")]
    public Task AnAnonymousCallerReads(Tenant tenant) => kiali.AnonymousGraphAsync(tenant);

    [Then(@"^Kiali refuses the anonymous caller with 401 ""Unauthorized""$")]
    public void KialiRefuses() => KialiAccess.WhyNotRefused(kiali.Anonymous ?? throw new InvalidOperationException("No anonymous call was made.")).Should().BeNull();

    [Then(@"^Kiali reports the token login strategy and view-only mode$")]
    public async Task KialiIsLockedDown() => KialiAccess.WhyNotLockedDown(await kiali.ConfigAsync()).Should().BeNull();
}

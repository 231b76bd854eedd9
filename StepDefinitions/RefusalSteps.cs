using FluentAssertions;
using InferenceBox.Specs.Support.Gateway;
using InferenceBox.Platform.Waiting;
using Reqnroll;

namespace InferenceBox.Specs.StepDefinitions;

/// <summary>
/// The gateway's refusals, whichever feature made the call: the refused call is the scenario's latest exchange with the
/// gateway (the control before it was answered 200). The reason is asserted from the body; the layer from what only the
/// gateway can produce (<see cref="GatewayRefusal"/>).
/// </summary>
[Binding]
public sealed class RefusalSteps(GatewayDriver gateway, GatewayAccessLogReader gatewayLog)
{
    [Then(@"^the gateway refuses the call with status (\d+), by its (JWT|tenant) check$")]
    public void RefusedByCheck(int status, string check)
    {
        var refused = Refused;
        (refused.StatusCode, GatewayRefusal.CheckOf(refused.Body)).Should().Be((status, Check(check)),
            $"{refused.Method} {refused.Url} answered {refused.StatusCode}: {refused.Body}");
    }

    [Then(@"^the refusal is the gateway's own answer, not the model's nor a tenant sidecar's$")]
    public async Task RefusedByTheGateway()
    {
        var refused = Refused;
        var check = GatewayRefusal.CheckOf(refused.Body) ?? GatewayCheck.Jwt;
        GatewayAccessLogEntry? entry = null;
        var lookup = "";
        if (check == GatewayCheck.Tenant)
        {
            try { entry = await gatewayLog.FindAsync(refused); }
            catch (WaitTimeoutException e) { lookup = " " + e.Message; }
        }
        GatewayRefusal.Problems(refused, check, entry).Should().BeEmpty($"request id {refused.RequestId}{lookup}");
    }

    private GatewayExchange Refused => gateway.Last
        ?? throw new InvalidOperationException("No call went through the gateway in this scenario: a When step must make one first.");

    private static GatewayCheck Check(string words) => words == "JWT" ? GatewayCheck.Jwt : GatewayCheck.Tenant;
}

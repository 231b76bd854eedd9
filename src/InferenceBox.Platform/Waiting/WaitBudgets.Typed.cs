namespace InferenceBox.Platform.Waiting;

/// <summary>
/// The budgets as typed properties, each scaled like the indexer: a caller writes <c>Budgets.ApiCall</c>, and a budget
/// that does not exist does not compile. The indexer stays for a budget named by data (a readiness requirement's
/// <c>BudgetName</c>, a phase's plan line). WaitBudgetsTests keeps this list and <see cref="Names"/> equal.
/// </summary>
public sealed partial class WaitBudgets
{
    public TimeSpan DockerPing => this[Names.DockerPing];
    public TimeSpan ClusterCreate => this[Names.ClusterCreate];
    public TimeSpan HelmRelease => this[Names.HelmRelease];
    public TimeSpan CrdEstablished => this[Names.CrdEstablished];
    public TimeSpan DeploymentAvailable => this[Names.DeploymentAvailable];
    public TimeSpan WebhookEndpoints => this[Names.WebhookEndpoints];
    public TimeSpan InferenceServiceReady => this[Names.InferenceServiceReady];
    public TimeSpan ObjectDeleted => this[Names.ObjectDeleted];
    public TimeSpan ClientPodFinished => this[Names.ClientPodFinished];
    public TimeSpan GatewayConverged => this[Names.GatewayConverged];
    public TimeSpan ScrapeDelta => this[Names.ScrapeDelta];
    public TimeSpan TraceIndexed => this[Names.TraceIndexed];
    public TimeSpan ColdStart => this[Names.ColdStart];
    public TimeSpan ScaleToZeroMargin => this[Names.ScaleToZeroMargin];
    public TimeSpan ApiCall => this[Names.ApiCall];
    public TimeSpan ToolDownload => this[Names.ToolDownload];
    public TimeSpan GatewayRequest => this[Names.GatewayRequest];
    public TimeSpan GatewayAttempt => this[Names.GatewayAttempt];
    public TimeSpan RateLimitWindow => this[Names.RateLimitWindow];
    public TimeSpan GatewayAccessLog => this[Names.GatewayAccessLog];
    public TimeSpan ObservabilityAttempt => this[Names.ObservabilityAttempt];
    public TimeSpan ProxyReplicas => this[Names.ProxyReplicas];
    public TimeSpan CertificateReady => this[Names.CertificateReady];
    public TimeSpan TlsHandshake => this[Names.TlsHandshake];
    public TimeSpan WeightsDownload => this[Names.WeightsDownload];
    public TimeSpan TokenBudgetSpend => this[Names.TokenBudgetSpend];
}

using System.Net;
using InferenceBox.Specs.Support.Observability;
using InferenceBox.Platform.Run;
using k8s;

namespace InferenceBox.Specs.Support.Security;

/// <summary>
/// Kiali as the security baseline sees it (issue 19 item 1): what an anonymous caller gets, what the suite's read-only
/// account gets after a login with a short-lived token (<see cref="KialiLogin"/>), and what Kiali says of its own mode.
/// </summary>
public sealed class KialiAccess(RunContext run, IKubernetes k8s)
{
    private static readonly HttpClient Http = new() { Timeout = Timeout.InfiniteTimeSpan }; // each attempt: the scaled observability-attempt budget
    public static readonly TimeSpan GraphWindow = TimeSpan.FromMinutes(10);

    public ApiAnswer? Anonymous { get; private set; }

    /// <summary>The control: the read-only account's graph of the tenant; throws when Kiali does not serve it.</summary>
    public Task<KialiGraph> ReadOnlyAccountMustGetGraphAsync(string tenant, CancellationToken ct = default) =>
        new KialiClient(run, Http, KialiLogin.ReadOnlyAccount(k8s)).NamespaceGraphAsync([tenant], GraphWindow, ct);

    public async Task<ApiAnswer> AnonymousGraphAsync(string tenant, CancellationToken ct = default) =>
        Anonymous = await new KialiClient(run, Http).AnonymousGetAsync(KialiClient.GraphQuery([tenant], GraphWindow), ct);

    public Task<KialiConfig> ConfigAsync(CancellationToken ct = default) => new KialiClient(run, Http, KialiLogin.ReadOnlyAccount(k8s)).ConfigAsync(ct);

    /// <summary>
    /// Null when Kiali refused a caller without a session as its token strategy does: 401 with the body
    /// http.Error writes, "Unauthorized" (kiali/kiali@v2.11.0 handlers/authentication.go AuthenticationHandler.Handle).
    /// With anonymous access Kiali would answer 200 and the graph.
    /// </summary>
    public static string? WhyNotRefused(ApiAnswer answer) =>
        answer.Status == HttpStatusCode.Unauthorized && answer.Body.Trim() == "Unauthorized" ? null
        : $"Kiali answered {(int)answer.Status} to a caller without a session: {answer.Truncated}";

    /// <summary>Null when Kiali runs the token strategy in view-only mode.</summary>
    public static string? WhyNotLockedDown(KialiConfig config) =>
        config is { AuthStrategy: "token", ViewOnlyMode: true } ? null
        : $"Kiali reports auth strategy \"{config.AuthStrategy}\" and view-only mode {config.ViewOnlyMode}: want \"token\" and true";
}

using InferenceBox.Platform.Waiting;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using InferenceBox.Platform.Run;

namespace InferenceBox.Specs.Support.Observability;

public sealed record GrafanaDashboard(string Uid, string Title, bool Provisioned);
public sealed record GrafanaDatasource(string Uid, string Name, string Type, bool IsDefault);
public sealed record GrafanaHealth(string Status, string Message)
{
    public bool Healthy => string.Equals(Status, "OK", StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// Grafana's HTTP API, just what the observability scenario needs: a dashboard by uid (GET /api/dashboards/uid/{uid}),
/// the datasources (GET /api/datasources) and a datasource's health (GET /api/datasources/uid/{uid}/health).
/// </summary>
public sealed class GrafanaClient
{
    private readonly ObservabilityHttp http;
    private readonly Dictionary<string, string> headers = [];

    public GrafanaClient(RunContext run, HttpClient? http = null, NetworkCredential? admin = null)
        : this(run.Settings.GrafanaUrl, http ?? new HttpClient(), admin, run.Budgets) { }

    /// <param name="admin">Basic-auth user (e.g. from the chart's admin Secret); null when anonymous access suffices.</param>
    public GrafanaClient(Uri baseUrl, HttpClient http, NetworkCredential? admin = null, WaitBudgets? budgets = null)
    {
        this.http = new ObservabilityHttp(http, baseUrl, (budgets ?? new WaitBudgets()).ObservabilityAttempt);
        if (admin is not null)
            headers["Authorization"] = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"{admin.UserName}:{admin.Password}"))).ToString();
    }

    /// <summary>The dashboard, or null when Grafana answers 404.</summary>
    public async Task<GrafanaDashboard?> DashboardAsync(string uid, CancellationToken ct = default)
    {
        var answer = await GetAsync("api/dashboards/uid/" + Uri.EscapeDataString(uid), ct, allowNotFound: true);
        return answer is null ? null : ParseDashboard(answer.Body);
    }

    public async Task<IReadOnlyList<GrafanaDatasource>> DatasourcesAsync(CancellationToken ct = default) =>
        ParseDatasources((await GetAsync("api/datasources", ct))!.Body);

    /// <summary>Grafana answers 200 {"status":"OK"} when healthy and 400 {"status":"ERROR","message"} when not.</summary>
    public async Task<GrafanaHealth> DatasourceHealthAsync(string uid, CancellationToken ct = default)
    {
        var answer = await http.GetAsync($"api/datasources/uid/{Uri.EscapeDataString(uid)}/health", ct, headers);
        using var json = answer.Json("Grafana datasource health");
        return ParseHealth(json.RootElement, answer);
    }

    public static GrafanaDashboard ParseDashboard(string body)
    {
        using var json = JsonDocument.Parse(body);
        var dashboard = json.RootElement.GetProperty("dashboard");
        var provisioned = json.RootElement.TryGetProperty("meta", out var meta) && meta.TryGetProperty("provisioned", out var p)
                          && p.ValueKind == JsonValueKind.True;
        return new GrafanaDashboard(dashboard.GetProperty("uid").GetString() ?? "", dashboard.GetProperty("title").GetString() ?? "", provisioned);
    }

    public static IReadOnlyList<GrafanaDatasource> ParseDatasources(string body)
    {
        using var json = JsonDocument.Parse(body);
        return json.RootElement.EnumerateArray().Select(d => new GrafanaDatasource(
            d.GetProperty("uid").GetString() ?? "", d.GetProperty("name").GetString() ?? "", d.GetProperty("type").GetString() ?? "",
            d.TryGetProperty("isDefault", out var def) && def.ValueKind == JsonValueKind.True)).ToArray();
    }

    private static GrafanaHealth ParseHealth(JsonElement root, ApiAnswer answer) => new(
        root.TryGetProperty("status", out var s) ? s.GetString() ?? "" : $"HTTP {(int)answer.Status}",
        root.TryGetProperty("message", out var m) ? m.GetString() ?? "" : answer.Truncated);

    private async Task<ApiAnswer?> GetAsync(string path, CancellationToken ct, bool allowNotFound = false)
    {
        var answer = await http.GetAsync(path, ct, headers);
        if (allowNotFound && answer.Status == HttpStatusCode.NotFound) return null;
        if (!answer.IsSuccess)
            throw new HttpRequestException($"Grafana {answer.Url} answered {(int)answer.Status}: {answer.Truncated}" +
                (answer.Status == HttpStatusCode.Unauthorized ? " (give the admin credentials, e.g. from the chart's Secret)" : ""),
                null, answer.Status);
        return answer;
    }
}

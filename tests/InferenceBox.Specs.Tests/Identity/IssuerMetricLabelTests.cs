using System.Text.RegularExpressions;

namespace InferenceBox.Specs.Tests.Identity;

/// <summary>
/// Every label of the issuer's metrics comes from a known, small set, whatever clients send: a label value taken
/// from the request (the method) would let anyone create series without bound and exhaust Prometheus.
/// </summary>
public sealed partial class IssuerMetricLabelTests
{
    private static readonly string[] KnownMethods = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT", "other"];

    [Fact]
    public async Task Made_up_methods_and_paths_do_not_create_new_series()
    {
        await using var issuer = await LoopbackIssuer.StartAsync(LoopbackIssuer.NewKeyFile());
        using var http = issuer.Http();
        for (var i = 0; i < 60; i++)
        {
            using var request = new HttpRequestMessage(new HttpMethod($"MADEUP{i}"), i % 2 == 0 ? "/token" : $"/no-such-path-{i}");
            using var _ = await http.SendAsync(request, TestContext.Current.CancellationToken);
        }
        using var get = await http.GetAsync("/.well-known/jwks.json", TestContext.Current.CancellationToken);

        var text = await http.GetStringAsync("/metrics", TestContext.Current.CancellationToken);
        var series = Series().Matches(text).Select(m => m.Groups["labels"].Value).ToList();
        var labels = series.SelectMany(s => Label().Matches(s)).GroupBy(m => m.Groups["name"].Value)
            .ToDictionary(g => g.Key, g => g.Select(m => m.Groups["value"].Value).Distinct().ToList());

        labels["method"].Should().BeSubsetOf(KnownMethods).And.Contain("other").And.Contain("GET");
        labels["route"].Should().OnlyContain(r => r == "unmatched" || r.StartsWith('/'));
        labels["route"].Should().NotContain(r => r.StartsWith("/no-such-path", StringComparison.Ordinal), "paths nobody mapped are one value");
        series.Should().HaveCountLessThan(12, "60 made-up requests fall into a handful of series:\n{0}", text);
    }

    [GeneratedRegex(@"^issuer_http_requests_total\{(?<labels>[^}]*)\}", RegexOptions.Multiline)]
    private static partial Regex Series();

    [GeneratedRegex("""(?<name>\w+)="(?<value>[^"]*)" """, RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex Label();
}

namespace InferenceBox.Specs.Support.Gateway.Tls;

/// <summary>
/// Judges an answer on the gateway's plain HTTP address (no token was sent): it must be a redirect to
/// <paramref name="https"/>, the same path and query over HTTPS, and nothing else. A 401 or 403 there means a route with
/// the JWT and tenant checks is served over plain HTTP (so it would read a token sent in clear); a 200 with JSON is a
/// model's or the issuer's answer; a redirect elsewhere, or to http, keeps the client off TLS. Only Envoy's redirect
/// route answers 3xx: neither the models nor the issuer redirect. Offline tests: tests/…/Edge/PlainHttpVerdictTests.cs.
/// </summary>
public static class PlainHttpVerdict
{
    private static readonly int[] RedirectCodes = [301, 302, 307, 308];

    public static IReadOnlyList<string> Problems(GatewayExchange answer, Uri https)
    {
        var problems = new List<string>();
        var what = $"{answer.Method} {answer.Url} answered {answer.StatusCode}";
        if (answer.StatusCode is 401 or 403)
            problems.Add($"{what} ({Short(answer.Body)}): a route with the gateway's token checks is served over plain HTTP");
        else if (answer.StatusCode is >= 200 and < 300)
            problems.Add($"{what} with {Short(answer.Body)}: something answered over plain HTTP");
        else if (!RedirectCodes.Contains(answer.StatusCode))
            problems.Add($"{what} ({Short(answer.Body)}), not a redirect");
        if (!RedirectCodes.Contains(answer.StatusCode)) return problems;
        var location = answer.Header("location");
        if (location is null || !Uri.TryCreate(location, UriKind.Absolute, out var target))
            problems.Add($"{what} without an absolute Location ({location ?? "none"})");
        else if (target != https || target.Scheme != Uri.UriSchemeHttps)
            problems.Add($"{what} redirecting to {target}, not to {https}");
        return problems;
    }

    private static string Short(string body) => body.Length == 0 ? "an empty body" : body.Length <= 100 ? $"\"{body}\"" : $"\"{body[..100]}…\"";
}

using System.Text;
using System.Text.Json;
using InferenceBox.Platform.Diagnostics;

namespace InferenceBox.Specs.Tests.Diagnostics;

/// <summary>
/// The one redactor (issue 19 item 13) on the inputs that slip past a naive one: two-segment, cut-off and malformed
/// tokens, base64 that wraps a token or a key, Basic credentials, client secrets in forms and JSON, tokens in URLs and
/// in a jwt_authn challenge's realm, JSON inside JSON, and texts that must come out unchanged.
/// </summary>
public sealed class RedactorTests
{
    private static string B64Url(string s) => Convert.ToBase64String(Encoding.UTF8.GetBytes(s)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    private static readonly string Header = B64Url("""{"alg":"RS256","kid":"k1","typ":"JWT"}""");
    private static readonly string Payload = B64Url("""{"iss":"http://jwt-issuer.auth-system.svc.cluster.local","sub":"tenant-a-client","tenant":"tenant-a","exp":1893456000}""");
    private static readonly string Signature = B64Url(new string('s', 200));
    private static readonly string Token = $"{Header}.{Payload}.{Signature}";

    [Fact]
    public void A_two_segment_token_a_cut_off_token_and_a_malformed_one_are_redacted_whole()
    {
        Redactor.Redact($"got {Header}.{Payload} back").Should().Be("got <redacted>(jwt) back");
        Redactor.Redact($"realm ends {Token[..150]}").Should().Be("realm ends <redacted>(jwt)");
        Redactor.Redact($"bad: {Header}.{Payload}.*{Signature[1..]}!").Should().Be("bad: <redacted>(jwt)");
        Redactor.Redact($"token was {Token}.").Should().Be("token was <redacted>(jwt).", "a sentence's full stop is not part of the token");
    }

    [Fact]
    public void A_token_in_a_query_string_or_a_challenge_realm_is_redacted_and_the_path_kept()
    {
        Redactor.Redact($"POST http://127.0.0.1:8080/tenant-a/sklearn-iris/v1/models/sklearn-iris:predict?access_token={Token}&x=1")
            .Should().Be("POST http://127.0.0.1:8080/tenant-a/sklearn-iris/v1/models/sklearn-iris:predict?access_token=<redacted>&x=1");
        Redactor.Redact("?code=abc123&state=s1").Should().Be("?code=<redacted>&state=s1");
        var realm = $"WWW-Authenticate: Bearer realm=\"http://127.0.0.1:8080/tenant-a/x?access_token={Token}\"";
        Redactor.Redact(realm).Should().NotContain(Payload).And.NotContain(Header);
    }

    [Theory]
    [InlineData("Authorization: Basic dXNlcjpwYXNzd29yZA==", "Authorization: <redacted>")]
    [InlineData("{\"Authorization\":[\"Basic dXNlcjpwYXNzd29yZA==\"]}", "{\"Authorization\":[\"<redacted>\"]}")]
    [InlineData("proxy-authorization: Negotiate YIIabc", "proxy-authorization: <redacted>")]
    [InlineData("Cookie: kiali-token-Kubernetes=AAAA; other=1", "Cookie: <redacted>")]
    [InlineData("set-cookie: kiali-token-Kubernetes=AAAA; Path=/kiali; HttpOnly", "set-cookie: <redacted>")]
    [InlineData("grant_type=client_credentials&client_id=tenant-a&client_secret=s3cr3t-Value", "grant_type=client_credentials&client_id=tenant-a&client_secret=<redacted>")]
    [InlineData("{\"client_secret\": \"s3cr3t\", \"client_id\": \"tenant-a\"}", "{\"client_secret\": \"<redacted>\", \"client_id\": \"tenant-a\"}")]
    [InlineData("CLIENT_SECRET=abc def", "CLIENT_SECRET=<redacted> def")]
    [InlineData("admin-password: cHJvbS1vcGVyYXRvcg==", "admin-password: <redacted>")]
    [InlineData("{\\\"password\\\":\\\"hunter2\\\"}", "{\\\"password\\\":\\\"<redacted>\\\"}")]
    [InlineData("https://admin:hunter2@grafana.local/api", "https://admin:<redacted>@grafana.local/api")]
    [InlineData("{\"token_type\":\"Bearer\",\"expires_in\":3600}", "{\"token_type\":\"Bearer\",\"expires_in\":3600}")]
    [InlineData("authorization:\n  defaultAction: Deny", "authorization:\n  defaultAction: Deny")]
    [InlineData("AuthorizationPolicy tenant-a/allow-own-tenant-token (document 1)", "AuthorizationPolicy tenant-a/allow-own-tenant-token (document 1)")]
    [InlineData("pod sklearn-iris-predictor-00001-deployment-5d9f8c7b6d-abcde is Running", "pod sklearn-iris-predictor-00001-deployment-5d9f8c7b6d-abcde is Running")]
    public void Credentials_in_every_shape_are_redacted_and_ordinary_text_is_kept(string input, string expected) =>
        Redactor.Redact(input).Should().Be(expected);

    [Fact]
    public void Base64_that_wraps_a_token_or_a_key_is_redacted_and_other_base64_is_kept()
    {
        var wrappedHeader = Convert.ToBase64String(Encoding.UTF8.GetBytes($"Authorization: Bearer {Token}"));
        Redactor.Redact($"data: {wrappedHeader}").Should().Be("data: <redacted>(base64)");
        var pem = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n";
        var secretData = JsonSerializer.Serialize(new { data = new Dictionary<string, string> { ["signing-key.pem"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(pem)) } });
        Redactor.Redact(secretData).Should().Be("{\"data\":{\"signing-key.pem\":\"<redacted>(base64)\"}}");
        var twice = Convert.ToBase64String(Encoding.UTF8.GetBytes(Convert.ToBase64String(Encoding.UTF8.GetBytes("client_secret=abc"))));
        Redactor.Redact(twice).Should().Be("<redacted>(base64)", "base64 of base64 is unwrapped too");
        var harmless = Convert.ToBase64String(Encoding.UTF8.GetBytes("just a configuration file, nothing secret in it"));
        Redactor.Redact(harmless).Should().Be(harmless);
    }

    [Fact]
    public void A_private_key_cut_off_before_its_end_line_is_redacted_to_the_end()
    {
        Redactor.Redact("key:\n-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA0Z3VS5JJcds3xfn")
            .Should().Be("key:\n-----BEGIN PRIVATE KEY-----<redacted>-----END PRIVATE KEY-----");
    }

    [Fact]
    public void Redacting_a_JSON_message_keeps_it_JSON_and_is_idempotent()
    {
        var envelope = JsonSerializer.Serialize(new
        {
            attachment = new { body = $"GET /x?access_token={Token}\nAuthorization: Bearer {Token}\n{{\"client_secret\":\"abc\"}}" },
        });
        var redacted = Redactor.Redact(envelope);

        redacted.Should().NotContain(Payload).And.NotContain("abc\\\"");
        var act = () => JsonDocument.Parse(redacted);
        act.Should().NotThrow("the runner bridge parses filtered Cucumber messages back");
        Redactor.Redact(redacted).Should().Be(redacted);
    }
}

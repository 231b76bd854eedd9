using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace InferenceBox.Specs.Tests.Identity;

/// <summary>
/// POST /token with bad input from an authenticated client: always a 400 invalid_request (RFC 6749 §5.2) whose
/// extension member <c>errors</c> names the field, never a 5xx. Other endpoints answer RFC 7807 problem details.
/// </summary>
public sealed class MalformedTokenRequestTests(IssuerFixture fixture) : IClassFixture<IssuerFixture>
{
    private const string Json = "application/json", Form = "application/x-www-form-urlencoded";
    private static readonly string Padding = new(' ', 5000);

    /// <summary>Case name, content type (null: none), body bytes, send chunked (no Content-Length), the field named.</summary>
    public static TheoryData<string, string?, byte[], bool, string> Cases() => new()
    {
        { "text/plain content type", "text/plain", Utf8("grant_type=client_credentials"), false, "Content-Type" },
        { "no content type", null, Utf8("grant_type=client_credentials"), false, "Content-Type" },
        { "empty body", Form, [], false, "body" },
        { "truncated JSON", Json, Utf8("""{"grant_type":"""), false, "body" },
        { "not JSON at all", Json, Utf8("grant_type=client_credentials"), false, "body" },
        { "JSON array", Json, Utf8("[]"), false, "body" },
        { "JSON string", Json, Utf8("\"client_credentials\""), false, "body" },
        { "JSON null", Json, Utf8("null"), false, "body" },
        { "nested too deep", Json, Utf8("""{"scope":[[[[[["a"]]]]]]}"""), false, "body" },
        { "invalid UTF-8 in JSON", Json, [.. Utf8("{\"grant_type\":\""), 0xC3, 0x28, .. Utf8("\"}")], false, "body" },
        { "invalid UTF-8 in a form", Form, [.. Utf8("grant_type="), 0xED, 0xA0, 0x80], false, "body" },
        { "oversized body with length", Form, Utf8("grant_type=client_credentials" + Padding), false, "body" },
        { "oversized chunked body", Form, Utf8("grant_type=client_credentials" + Padding), true, "body" },
        { "too many form parameters", Form, Utf8(string.Concat(Enumerable.Repeat("grant_type&", 1100))), false, "body" },
        { "grant_type missing", Form, Utf8("scope=predict"), false, "grant_type" },
        { "grant_type is a number", Json, Utf8("""{"grant_type":true}"""), false, "grant_type" },
        { "grant_type twice in JSON", Json, Utf8("""{"grant_type":"client_credentials","grant_type":"x"}"""), false, "grant_type" },
        { "scope twice in a form", Form, Utf8("grant_type=client_credentials&scope=a&scope=b"), false, "scope" },
        { "audience is an array", Json, Utf8("""{"grant_type":"client_credentials","audience":["inference-in-a-box"]}"""), false, "audience" },
        { "expires_in fractional", Json, Utf8("""{"grant_type":"client_credentials","expires_in":1.5}"""), false, "expires_in" },
        { "expires_in negative", Form, Utf8("grant_type=client_credentials&expires_in=-5"), false, "expires_in" },
        { "expires_in overflows int", Json, Utf8("""{"grant_type":"client_credentials","expires_in":1e20}"""), false, "expires_in" },
        { "expires_in below the minimum", Form, Utf8("grant_type=client_credentials&expires_in=59"), false, "expires_in" },
        // Escapes of UTF-16 surrogates that pair with nothing: valid JSON syntax, but no string (issue 10 item 15).
        { "lone high surrogate in grant_type", Json, Utf8("""{"grant_type":"\ud800"}"""), false, "grant_type" },
        { "lone low surrogate in scope", Json, Utf8("""{"grant_type":"client_credentials","scope":"a\udc00b"}"""), false, "scope" },
        { "reversed surrogate pair in audience", Json, Utf8("""{"grant_type":"client_credentials","audience":"\udc00\ud800"}"""), false, "audience" },
        { "lone surrogate as a property name", Json, Utf8("""{"\ud800":1,"grant_type":"client_credentials"}"""), false, "\\ud800" },
        { "lone surrogate in an ignored parameter", Json, Utf8("""{"grant_type":"client_credentials","note":"\ud800"}"""), false, "note" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Malformed_request_gets_400_invalid_request_naming_the_field(
        string name, string? contentType, byte[] body, bool chunked, string field)
    {
        using var http = fixture.Issuer.Http("tenant-a");
        using var content = chunked ? new StreamContent(new MemoryStream(body)) : (HttpContent)new ByteArrayContent(body);
        if (contentType is not null) content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/token") { Content = content };
        if (chunked) request.Headers.TransferEncodingChunked = true;

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);

        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, $"case '{name}' got: {text}");
        response.Content.Headers.ContentType?.MediaType.Should().Be(Json, "RFC 6749 section 5.2");
        using var answer = JsonDocument.Parse(text);
        answer.RootElement.GetProperty("error").GetString().Should().Be("invalid_request", name);
        answer.RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name).Should().Contain(field, $"case '{name}'");
    }

    [Theory]
    [InlineData("GET", "/token", HttpStatusCode.MethodNotAllowed)]
    [InlineData("DELETE", "/.well-known/jwks.json", HttpStatusCode.MethodNotAllowed)]
    [InlineData("GET", "/tokens", HttpStatusCode.NotFound)] // the anonymous demo endpoint is gone
    [InlineData("GET", "/no-such-route", HttpStatusCode.NotFound)]
    public async Task Wrong_method_or_route_gets_a_problem_details_4xx(string method, string path, HttpStatusCode expected)
    {
        using var http = fixture.Issuer.Http();
        using var response = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), TestContext.Current.CancellationToken);
        response.StatusCode.Should().Be(expected);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}

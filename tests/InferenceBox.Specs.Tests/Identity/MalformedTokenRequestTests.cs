using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using FluentAssertions;
using Xunit;

namespace InferenceBox.Specs.Tests.Identity;

/// <summary>POST /token with bad input: always a 4xx with RFC 7807 problem details naming the field, never a 5xx.</summary>
public sealed class MalformedTokenRequestTests(IssuerFixture fixture) : IClassFixture<IssuerFixture>
{
    private const string Json = "application/json";
    private static readonly string Padding = new(' ', 5000);

    /// <summary>Case name, content type (null: none), body bytes, send chunked (no Content-Length), the field named.</summary>
    public static TheoryData<string, string?, byte[], bool, string> Cases() => new()
    {
        { "text/plain content type", "text/plain", Utf8("""{"tenant":"tenant-a"}"""), false, "Content-Type" },
        { "form content type", "application/x-www-form-urlencoded", Utf8("tenant=tenant-a"), false, "Content-Type" },
        { "no content type", null, Utf8("""{"tenant":"tenant-a"}"""), false, "Content-Type" },
        { "empty body", Json, [], false, "body" },
        { "truncated JSON", Json, Utf8("""{"tenant":"""), false, "body" },
        { "not JSON at all", Json, Utf8("tenant=tenant-a"), false, "body" },
        { "JSON array", Json, Utf8("[]"), false, "body" },
        { "JSON string", Json, Utf8("\"tenant-a\""), false, "body" },
        { "JSON null", Json, Utf8("null"), false, "body" },
        { "nested too deep", Json, Utf8("""{"tenant":[[[[[["a"]]]]]]}"""), false, "body" },
        { "invalid UTF-8", Json, [.. Utf8("{\"tenant\":\""), 0xC3, 0x28, .. Utf8("\"}")], false, "body" },
        { "oversized body with length", Json, Utf8("""{"tenant":"tenant-a"}""" + Padding), false, "body" },
        { "oversized chunked body", Json, Utf8("""{"tenant":"tenant-a"}""" + Padding), true, "body" },
        { "missing tenant", Json, Utf8("{}"), false, "tenant" },
        { "unknown tenant", Json, Utf8("""{"tenant":"tenant-z"}"""), false, "tenant" },
        { "tenant is a number", Json, Utf8("""{"tenant":42}"""), false, "tenant" },
        { "tenant is null", Json, Utf8("""{"tenant":null}"""), false, "tenant" },
        { "tenant is empty", Json, Utf8("""{"tenant":""}"""), false, "tenant" },
        { "tenant given twice", Json, Utf8("""{"tenant":"tenant-a","tenant":"tenant-b"}"""), false, "tenant" },
        { "lifetime zero", Json, Utf8("""{"tenant":"tenant-a","lifetimeSeconds":0}"""), false, "lifetimeSeconds" },
        { "lifetime below minimum", Json, Utf8("""{"tenant":"tenant-a","lifetimeSeconds":59}"""), false, "lifetimeSeconds" },
        { "lifetime above maximum", Json, Utf8("""{"tenant":"tenant-a","lifetimeSeconds":86401}"""), false, "lifetimeSeconds" },
        { "lifetime negative", Json, Utf8("""{"tenant":"tenant-a","lifetimeSeconds":-5}"""), false, "lifetimeSeconds" },
        { "lifetime as string", Json, Utf8("""{"tenant":"tenant-a","lifetimeSeconds":"3600"}"""), false, "lifetimeSeconds" },
        { "lifetime fractional", Json, Utf8("""{"tenant":"tenant-a","lifetimeSeconds":1.5}"""), false, "lifetimeSeconds" },
        { "lifetime overflows int", Json, Utf8("""{"tenant":"tenant-a","lifetimeSeconds":1e20}"""), false, "lifetimeSeconds" },
        { "subject is a number", Json, Utf8("""{"tenant":"tenant-a","subject":7}"""), false, "subject" },
        { "subject empty", Json, Utf8("""{"tenant":"tenant-a","subject":""}"""), false, "subject" },
        { "subject too long", Json, Utf8($$"""{"tenant":"tenant-a","subject":"{{new string('s', 129)}}"}"""), false, "subject" },
        { "subject with control character", Json, Utf8("""{"tenant":"tenant-a","subject":"a\u0007b"}"""), false, "subject" },
        { "unknown audience", Json, Utf8("""{"tenant":"tenant-a","audience":"elsewhere"}"""), false, "audience" },
        { "audience is an array", Json, Utf8("""{"tenant":"tenant-a","audience":["inference-in-a-box"]}"""), false, "audience" },
        { "unknown field", Json, Utf8("""{"tenant":"tenant-a","admin":true}"""), false, "admin" },
        // Escapes of UTF-16 surrogates that pair with nothing: valid JSON syntax, but no string (issue 10 item 15).
        { "lone high surrogate in tenant", Json, Utf8("""{"tenant":"\ud800"}"""), false, "tenant" },
        { "lone low surrogate in subject", Json, Utf8("""{"tenant":"tenant-a","subject":"a\udc00b"}"""), false, "subject" },
        { "reversed surrogate pair in audience", Json, Utf8("""{"tenant":"tenant-a","audience":"\udc00\ud800"}"""), false, "audience" },
        { "lone surrogate as a property name", Json, Utf8("""{"\ud800":1,"tenant":"tenant-a"}"""), false, "\\ud800" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Malformed_request_gets_400_problem_details_naming_the_field(
        string name, string? contentType, byte[] body, bool chunked, string field)
    {
        using var http = fixture.Issuer.Http();
        using var content = chunked ? new StreamContent(new MemoryStream(body)) : (HttpContent)new ByteArrayContent(body);
        if (contentType is not null) content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/token") { Content = content };
        if (chunked) request.Headers.TransferEncodingChunked = true;

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);

        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, $"case '{name}' got: {text}");
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        using var problem = JsonDocument.Parse(text);
        problem.RootElement.GetProperty("status").GetInt32().Should().Be(400);
        problem.RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name).Should().Contain(field, $"case '{name}'");
    }

    [Theory]
    [InlineData("GET", "/token", HttpStatusCode.MethodNotAllowed)]
    [InlineData("PUT", "/tokens", HttpStatusCode.MethodNotAllowed)]
    [InlineData("DELETE", "/.well-known/jwks.json", HttpStatusCode.MethodNotAllowed)]
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

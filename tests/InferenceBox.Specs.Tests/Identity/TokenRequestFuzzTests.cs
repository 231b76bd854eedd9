using System.Net.Http.Headers;
using System.Text;

namespace InferenceBox.Specs.Tests.Identity;

/// <summary>
/// A small seeded fuzzer over real HTTP on loopback, as a curious new user would try the token endpoint: mutations of
/// well-formed bodies (escapes of unpaired surrogates, stray bytes, cut-offs, repeats, nesting) under several content
/// types. Whatever comes in, the answer is never a 5xx. The seed is fixed, so a failure names a reproducible case.
/// </summary>
public sealed class TokenRequestFuzzTests(IssuerFixture fixture) : IClassFixture<IssuerFixture>
{
    private const int Seed = 20261210, Cases = 400;
    private static readonly string[] ContentTypes =
        ["application/json", "application/json; charset=utf-8", "application/x-www-form-urlencoded", "text/plain", "application/problem+json"];
    private static readonly string[] Seeds =
    [
        """{"tenant":"tenant-a"}""",
        """{"tenant":"tenant-b","subject":"alice","audience":"inference-in-a-box","lifetimeSeconds":120}""",
        """{"grant_type":"client_credentials","scope":"predict","audience":"inference-in-a-box"}""",
        "grant_type=client_credentials&scope=predict&audience=inference-in-a-box",
        "grant_type=client_credentials&client_id=tenant-a&client_secret=x",
    ];
    private static readonly string[] Insertions =
        ["\\ud800", "\\udfff", "\\udc00\\ud800", "\\u0000", "\\", "\"", "%", "%ED%A0%80", "%zz", "&&", "=", "{", "[", "]", "}", ",", "\u0085", "\uffff", "é"];

    [Fact]
    public async Task No_mutated_token_request_gets_a_server_error()
    {
        var random = new Random(Seed);
        using var http = fixture.Issuer.Http();
        var failures = new List<string>();
        var seen = new HashSet<int>();
        for (var i = 0; i < Cases; i++)
        {
            var body = Mutate(Seeds[random.Next(Seeds.Length)], random);
            var contentType = ContentTypes[random.Next(ContentTypes.Length)];
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            using var request = new HttpRequestMessage(HttpMethod.Post, "/token") { Content = content };
            // None, the real client, or a mangled Basic value: the deeper checks run only for an authenticated client.
            var auth = random.Next(3) switch
            {
                0 => null,
                1 => fixture.Issuer.Clients.For("tenant-a").BasicHeader().Parameter,
                // HttpClient sends ASCII headers only; Kestrel would refuse others before the issuer sees them.
                _ => new string(Encoding.Latin1.GetString(Mutate(fixture.Issuer.Clients.For("tenant-a").BasicHeader().Parameter!, random))
                    .Where(c => c is >= '\x21' and <= '\x7e').ToArray()),
            };
            if (auth is not null) request.Headers.TryAddWithoutValidation("Authorization", "Basic " + auth);
            using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
            seen.Add((int)response.StatusCode);
            if ((int)response.StatusCode >= 500)
                failures.Add($"case {i}: {contentType} auth {auth} {Printable(body)} -> {(int)response.StatusCode} " +
                             await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }
        failures.Should().BeEmpty($"seed {Seed}: no input may make the issuer fail");
        seen.Should().Contain([200, 400, 401], "the mutations reach every layer: reading, client authentication, the grant's checks");
    }

    private static byte[] Mutate(string seed, Random random)
    {
        var text = new StringBuilder(seed);
        for (var n = random.Next(1, 4); n > 0; n--)
        {
            var at = random.Next(text.Length + 1);
            switch (random.Next(5))
            {
                case 0: text.Insert(at, Insertions[random.Next(Insertions.Length)]); break;
                case 1: if (at < text.Length) text.Remove(at, 1); break;
                case 2: text.Length = at; break;
                case 3: text.Insert(at, text.ToString(0, at)); break;
                default: text.Insert(at, new string('[', random.Next(1, 40))); break;
            }
        }
        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        // Now and then a raw byte no encoder would produce.
        if (random.Next(4) == 0 && bytes.Length > 0) bytes[random.Next(bytes.Length)] = (byte)random.Next(0x80, 0x100);
        return bytes;
    }

    private static string Printable(byte[] body) =>
        string.Concat(body.Select(b => b is >= 0x20 and < 0x7f ? ((char)b).ToString() : $"\\x{b:x2}"));
}

using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace InferenceBox.Specs.Tests.Identity;

/// <summary>
/// What the issuer's log says under hostile or heavy use, with the container's own log levels (appsettings.json:
/// Default Information, Microsoft.AspNetCore Warning): a client's fault that Kestrel detects is one line below
/// Warning without a stack; an issued token is a Debug line (its claims, never the token).
/// </summary>
public sealed class IssuerLoggingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string, string, string> ClientFaults() => new()
    {
        // Kestrel refuses the chunk size line "zz" while the endpoint reads the body.
        { "bad chunking", "Transfer-Encoding: chunked", "zz\r\n{}\r\n0\r\n\r\n", " 400 " },
        // Two of twenty announced bytes, then silence: below MinRequestBodyDataRate, Kestrel times the body out.
        { "body too slow", "Content-Length: 20", "{\"", " 408 " },
    };

    [Theory]
    [MemberData(nameof(ClientFaults))]
    public async Task A_client_fault_Kestrel_detects_is_logged_once_below_warning_without_a_stack(
        string name, string framing, string body, string expectedStatus)
    {
        var logs = new RecordingLogs();
        await using var issuer = await StartAsync(logs, "Information");
        var startup = logs.Entries.Count;

        var status = await RawHttp.ExchangeAsync(issuer.BaseUrl,
            $"POST /token HTTP/1.1\nHost: issuer\nContent-Type: application/json\n{framing}\n", Encoding.ASCII.GetBytes(body), Ct);

        status.Should().Contain(expectedStatus, name);
        logs.Entries.Where(e => e.Level >= LogLevel.Warning).Should().BeEmpty("a client's fault is not the issuer's ({0})", name);
        logs.Entries.Where(e => e.Exception is not null).Should().BeEmpty("no stack trace for a client's fault ({0})", name);
        // Everything after the startup lines is about this one request.
        var line = logs.Entries.Skip(startup)
            .Should().ContainSingle("one line per client fault ({0})", name).Subject;
        line.Level.Should().Be(LogLevel.Information);
        line.Message.Should().Contain(expectedStatus.Trim());
    }

    [Fact]
    public async Task A_body_above_the_server_limit_is_refused_without_a_log_line_above_debug()
    {
        var logs = new RecordingLogs();
        await using var issuer = await StartAsync(logs, "Information");

        var status = await RawHttp.ExchangeAsync(issuer.BaseUrl,
            "POST /token HTTP/1.1\nHost: issuer\nContent-Type: application/json\nContent-Length: 200000\n", new byte[1024], Ct);

        status.Should().MatchRegex(" 4[01][03] ");
        logs.Entries.Where(e => e.Level >= LogLevel.Warning || e.Exception is not null).Should().BeEmpty();
    }

    [Fact]
    public async Task Issued_tokens_are_logged_at_debug_only_with_claims_never_the_token()
    {
        var logs = new RecordingLogs();
        await using (var issuer = await StartAsync(logs, "Information"))
        {
            for (var i = 0; i < 3; i++) await issuer.TokenAsync("tenant-a");
        }
        logs.Entries.Where(e => e.Category.Contains("TokenMinter", StringComparison.Ordinal)).Should().BeEmpty("Information hides per-token lines");

        var debug = new RecordingLogs();
        await using (var issuer = await StartAsync(debug, "Debug"))
        {
            for (var i = 0; i < 3; i++) await issuer.TokenAsync("tenant-a");
        }
        debug.Entries.Where(e => e.Category.Contains("TokenMinter", StringComparison.Ordinal)).Should().HaveCount(3)
            .And.OnlyContain(e => e.Level == LogLevel.Debug && e.Message.Contains("jti=", StringComparison.Ordinal) && !e.Message.Contains("eyJ", StringComparison.Ordinal));
    }

    private static Task<LoopbackIssuer> StartAsync(RecordingLogs logs, string defaultLevel) =>
        LoopbackIssuer.StartAsync(LoopbackIssuer.NewKeyFile(), builder =>
            {
                builder.Logging.ClearProviders().AddProvider(logs);
                // Two seconds of grace instead of five (Kestrel refuses 1 s or less), so the slow-body case is quick; the rule is Kestrel's own.
                builder.WebHost.ConfigureKestrel(k => k.Limits.MinRequestBodyDataRate = new MinDataRate(240, TimeSpan.FromSeconds(2)));
            },
            ("Logging:LogLevel:Default", defaultLevel), ("Logging:LogLevel:Microsoft.AspNetCore", "Warning"),
            ("Logging:LogLevel:Microsoft.Hosting.Lifetime", "Information"));
}

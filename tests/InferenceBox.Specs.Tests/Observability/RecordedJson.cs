using System.Net;
using System.Threading.Channels;

namespace InferenceBox.Specs.Tests.Observability;

/// <summary>Recorded API answers kept under &lt;Area&gt;/Fixtures and copied next to the test assembly.</summary>
internal static class RecordedJson
{
    public static string Read(string area, string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, area, "Fixtures", name));
}

/// <summary>Answers every request with one recorded response and remembers the URLs asked for.</summary>
internal sealed class RecordedHandler(HttpStatusCode status, string body) : HttpMessageHandler
{
    private readonly Channel<Uri> _asked = Channel.CreateUnbounded<Uri>();

    public List<Uri> Requests { get; } = [];
    public List<HttpRequestMessage> Messages { get; } = [];

    /// <summary>Completes when the next request arrives: a poll's next look has begun, so its previous one is over.</summary>
    public async Task NextRequestAsync() => await _asked.Reader.ReadAsync(TestContext.Current.CancellationToken);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Add(request.RequestUri!);
        Messages.Add(request);
        _asked.Writer.TryWrite(request.RequestUri!);
        return Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body) });
    }
}

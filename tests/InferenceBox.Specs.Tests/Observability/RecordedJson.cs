using System.Net;

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
    public List<Uri> Requests { get; } = [];
    public List<HttpRequestMessage> Messages { get; } = [];

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Add(request.RequestUri!);
        Messages.Add(request);
        return Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body) });
    }
}

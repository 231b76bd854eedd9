using System.Text.Json.Nodes;
using InferenceBox.Platform.Emulator;

namespace InferenceBox.Specs.Tests.Emulator;

/// <summary>A watch read line by line over plain HTTP, to see exactly what the server streams (ERROR and BOOKMARK included).</summary>
public sealed class RawWatch : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private RawWatch(HttpClient http, HttpResponseMessage response, StreamReader reader) => (_http, _response, _reader) = (http, response, reader);

    /// <summary>Returns once the response headers arrived: by then the server's timers and watcher are in place.</summary>
    public static async Task<RawWatch> OpenAsync(ApiServerEmulator api, string pathAndQuery)
    {
        var http = new HttpClient { BaseAddress = api.Url, Timeout = Timeout.InfiniteTimeSpan };
        var response = await http.GetAsync(pathAndQuery, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken));
        return new RawWatch(http, response, reader);
    }

    public int Status => (int)_response.StatusCode;

    /// <summary>The next event, or null when the server ended the stream.</summary>
    public async Task<JsonObject?> NextAsync()
    {
        var line = await _reader.ReadLineAsync(TestContext.Current.CancellationToken);
        return line is null ? null : JsonNode.Parse(line)!.AsObject();
    }

    public async ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        _http.Dispose();
        await Task.CompletedTask;
    }
}

using System.Globalization;
using System.Text.Json.Nodes;
using InferenceBox.Platform.Emulator.Discovery;
using InferenceBox.Platform.Emulator.Operations;
using InferenceBox.Platform.Emulator.Storage;
using Microsoft.AspNetCore.Http;

namespace InferenceBox.Platform.Emulator.Http;

/// <summary>
/// Serves <c>?watch=true</c>: a 200 response streaming one JSON event per line. As the watch cache does
/// (kubernetes/apiserver@v0.32.5 pkg/storage/cacher/cacher.go, <c>Watch</c>), an error found after the request
/// was accepted — a resourceVersion older than the event window (410 Expired), or one the store has not reached
/// within 3 s (<c>blockTimeout</c>; 504 "Too large resource version") — is sent as a single ERROR event whose
/// object is the Status, and the stream ends. The stream also ends after <c>timeoutSeconds</c>.
/// </summary>
public sealed class WatchEndpoint(ApiOperations ops, TimeProvider time, Func<CancellationToken> stopping)
{
    private static readonly TimeSpan BlockTimeout = TimeSpan.FromSeconds(3);

    public async Task ServeAsync(HttpContext http, ApiResource r, RequestInfo info)
    {
        var q = http.Request.Query;
        var fields = FieldSelector.Parse(q["fieldSelector"], r);
        var filter = new WatchFilter(info.Namespace, info.Name ?? fields.RequiredName, LabelSelector.Parse(q["labelSelector"]), fields,
            q["allowWatchBookmarks"].FirstOrDefault() is "true" or "1", r.ApiVersion);
        var rvText = q["resourceVersion"].FirstOrDefault();
        long? rv = string.IsNullOrEmpty(rvText) ? null
            : long.TryParse(rvText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed
            : throw ApiError.BadRequest($"invalid resource version: {rvText}");

        // Timers and the watcher are in place before the response starts, so whoever sees the headers can move a fake clock.
        using var timeout = q["timeoutSeconds"].FirstOrDefault() is { } seconds && int.TryParse(seconds, out var s) && s > 0
            ? new CancellationTokenSource(TimeSpan.FromSeconds(s), time)
            : new CancellationTokenSource();
        using var lifetime = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, stopping(), timeout.Token);
        var ct = lifetime.Token;
        using var block = new CancellationTokenSource(BlockTimeout, time);
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(block.Token, ct);
        var tooLarge = rv is > 0 && rv > ops.Store.Revision;
        var (watcher, tooOld) = tooLarge ? (null, null) : ops.Store.Watch(r, filter, rv);

        http.Response.StatusCode = 200;
        http.Response.ContentType = "application/json";
        await http.Response.StartAsync(ct);
        await http.Response.Body.FlushAsync(ct); // the headers go out now, not with the first event

        if (tooLarge)
        {
            // The real server holds the response until it gives up; here the headers go first (see README).
            if (!await ops.Store.WaitForRevisionAsync(rv!.Value, waiting.Token))
            {
                if (ct.IsCancellationRequested) return;
                var error = ApiError.Timeout($"Too large resource version: {rv}, current: {ops.Store.Revision}", 1,
                    new JsonArray(new JsonObject { ["reason"] = "ResourceVersionTooLarge", ["message"] = "Too large resource version" }));
                await SendAsync(http, "ERROR", error.ToStatus(), ct);
                return;
            }
            (watcher, tooOld) = ops.Store.Watch(r, filter, rv);
        }
        if (watcher is null)
        {
            await SendAsync(http, "ERROR", ApiError.Expired(tooOld!).ToStatus(), ct);
            return;
        }
        using (watcher)
        {
            try
            {
                await foreach (var item in watcher.Events.ReadAllAsync(ct))
                    await SendAsync(http, item.Type, item.Object, ct);
            }
            catch (OperationCanceledException) { /* timeout, client gone or server stopping: the stream ends */ }
        }
    }

    private static async Task SendAsync(HttpContext http, string type, JsonObject obj, CancellationToken ct)
    {
        var line = WireJson.Write(new JsonObject { ["type"] = type, ["object"] = obj }) + "\n";
        try
        {
            await http.Response.WriteAsync(line, ct);
            await http.Response.Body.FlushAsync(ct);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException) { throw new OperationCanceledException("the watcher went away", e); }
    }
}

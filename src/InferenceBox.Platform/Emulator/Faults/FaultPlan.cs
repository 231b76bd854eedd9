using InferenceBox.Platform.Emulator.Discovery;
using InferenceBox.Platform.Emulator.Http;
using Microsoft.AspNetCore.Http;

namespace InferenceBox.Platform.Emulator.Faults;

/// <summary>
/// Faults on demand: <c>api.Faults.Add(Fault.ServiceUnavailable(), new FaultScope(Kind: "InferenceService", Verb: "patch"), times: 2)</c>.
/// Each matching HTTP request takes the first fault in order that still has strikes left. The emulator's own
/// controllers are never hit (they do not go through HTTP). Refusals are logged with the layer <c>fault</c>.
/// </summary>
public sealed class FaultPlan(TimeProvider time, RequestLog log)
{
    private readonly Lock _gate = new();
    private readonly List<ScheduledFault> _faults = new();
    private readonly List<(int Count, TaskCompletionSource Done)> _waiters = new();
    private int _struck;

    /// <summary>Schedules a fault for the next <paramref name="times"/> matching requests (null: every one, until removed).</summary>
    public ScheduledFault Add(Fault fault, FaultScope? scope = null, int? times = 1)
    {
        var scheduled = new ScheduledFault(fault, scope ?? FaultScope.Everything, times);
        lock (_gate) _faults.Add(scheduled);
        return scheduled;
    }

    public void Remove(ScheduledFault fault)
    {
        lock (_gate) _faults.Remove(fault);
    }

    public void Clear()
    {
        lock (_gate) _faults.Clear();
    }

    /// <summary>How many requests faults have struck so far.</summary>
    public int Struck { get { lock (_gate) return _struck; } }

    /// <summary>Completes once faults have struck <paramref name="count"/> requests in all (e.g. a delayed request is now waiting).</summary>
    public Task StruckAsync(int count, CancellationToken ct)
    {
        lock (_gate)
        {
            if (_struck >= count) return Task.CompletedTask;
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, done));
            return done.Task.WaitAsync(ct);
        }
    }

    private void Strike()
    {
        lock (_gate)
        {
            _struck++;
            foreach (var waiter in _waiters.Where(w => w.Count <= _struck).ToList())
            {
                waiter.Done.TrySetResult();
                _waiters.Remove(waiter);
            }
        }
    }

    /// <summary>Applies a matching fault; true when the request has been answered (or dropped) by it.</summary>
    internal async Task<bool> ApplyAsync(HttpContext http, RequestInfo? info, ApiResource? resource)
    {
        ScheduledFault? hit;
        lock (_gate) hit = _faults.FirstOrDefault(f => f.Scope.Matches(info, resource) && f.TryTake());
        if (hit is null) return false;
        var request = http.Request;
        if (hit.Fault is Fault.Delayed latency)
        {
            var delay = Task.Delay(latency.Delay, time, http.RequestAborted); // the timer exists before anyone hears of the strike
            Strike();
            await delay;
            return false;
        }
        Strike();
        switch (hit.Fault)
        {
            case Fault.Dropped:
                log.Add(new RequestRecord(request.Method, request.Path, request.QueryString.Value ?? "", request.ContentType, 0, null, "connection reset", "fault"));
                http.Abort();
                return true;
            case Fault.Refused refusal:
                var error = refusal.Error;
                log.Add(new RequestRecord(request.Method, request.Path, request.QueryString.Value ?? "", request.ContentType, error.Code, error.Reason, error.Message, "fault"));
                http.Response.StatusCode = error.Code;
                http.Response.ContentType = "application/json";
                await http.Response.WriteAsync(WireJson.Write(error.ToStatus()), http.RequestAborted);
                return true;
            default:
                return false;
        }
    }
}

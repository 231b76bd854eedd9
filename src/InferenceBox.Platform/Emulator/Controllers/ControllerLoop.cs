using InferenceBox.Platform.Emulator.Storage;

namespace InferenceBox.Platform.Emulator.Controllers;

/// <summary>One of the emulator's controllers: reacts to each change in the store, writing through the API pipeline.</summary>
public interface IController
{
    Task HandleAsync(StoredEvent change, CancellationToken ct);
}

/// <summary>
/// Runs the controllers on every change, one change at a time, in store order. <see cref="SettledAsync"/> returns
/// once every change so far (the controllers' own included) has been handled: tests wait for that, never for time.
/// A controller that throws is recorded in <see cref="Failures"/> and the loop goes on.
/// </summary>
public sealed class ControllerLoop : IAsyncDisposable
{
    private readonly ObjectStore _store;
    private readonly IReadOnlyList<IController> _controllers;
    private readonly StoreSubscription _subscription;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _run;
    private readonly Lock _gate = new();
    private readonly List<Exception> _failures = new();
    private TaskCompletionSource _idle = NewSignal();
    private bool _busy;

    public ControllerLoop(ObjectStore store, IReadOnlyList<IController> controllers)
    {
        _store = store;
        _controllers = controllers;
        _subscription = store.Subscribe();
        _run = Task.Run(RunAsync);
    }

    public IReadOnlyList<Exception> Failures { get { lock (_gate) return _failures.ToList(); } }

    private async Task RunAsync()
    {
        var reader = _subscription.Reader;
        try
        {
            while (await reader.WaitToReadAsync(_stop.Token))
            {
                lock (_gate) _busy = true;
                while (reader.TryRead(out var change))
                    foreach (var controller in _controllers)
                    {
                        try { await controller.HandleAsync(change, _stop.Token); }
                        catch (OperationCanceledException) when (_stop.IsCancellationRequested) { return; }
                        catch (Exception e) { lock (_gate) _failures.Add(e); }
                    }
                lock (_gate)
                {
                    _busy = false;
                    if (reader.Count == 0) _idle.TrySetResult();
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested) { }
    }

    /// <summary>Completes when no change is waiting and no controller is working.</summary>
    public async Task SettledAsync(CancellationToken ct)
    {
        while (true)
        {
            Task wait;
            lock (_gate)
            {
                if (!_busy && _subscription.Reader.Count == 0) return;
                if (_idle.Task.IsCompleted) _idle = NewSignal();
                wait = _idle.Task;
            }
            await wait.WaitAsync(ct);
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _subscription.Dispose();
        try { await _run; } catch (OperationCanceledException) { }
        _stop.Dispose();
    }
}

namespace InferenceBox.Specs.Support.Models;

/// <summary>
/// The weights of a rehearsal (INFERENCEBOX_MODE=rehearse): nothing is downloaded, since no node will ever read them (kind is
/// a stand-in that binds nothing, Support/Rehearsal/RehearsalTools.cs). Each pin is taken as present in an empty folder of
/// the state directory, so the rest of the bootstrap (the kind config with its binds rewritten) runs as it would.
/// </summary>
public sealed class RehearsalWeights(string folder) : IModelWeights
{
    public string FolderOf(WeightsPin pin) => Path.Combine(Path.GetFullPath(folder), pin.Name, pin.Sha256);

    public Task<bool> IsVerifiedAsync(WeightsPin pin, CancellationToken ct) => Task.FromResult(true);

    public Task EnsureAsync(WeightsPin pin, CancellationToken ct)
    {
        Directory.CreateDirectory(FolderOf(pin));
        return Task.CompletedTask;
    }
}

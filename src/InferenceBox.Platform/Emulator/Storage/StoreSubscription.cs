using System.Threading.Channels;

namespace InferenceBox.Platform.Emulator.Storage;

/// <summary>A stream of every change in the store; disposing it stops the stream.</summary>
public sealed class StoreSubscription(ChannelReader<StoredEvent> reader, Action stop) : IDisposable
{
    public ChannelReader<StoredEvent> Reader { get; } = reader;

    public void Dispose() => stop();
}

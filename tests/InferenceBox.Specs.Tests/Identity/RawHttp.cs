using System.Net.Sockets;
using System.Text;

namespace InferenceBox.Specs.Tests.Identity;

/// <summary>
/// Sends bytes no well-behaved HTTP client would (broken chunking, a body that never comes) straight over TCP to
/// the loopback issuer, and returns the status line Kestrel answered with. Bounded by the caller's token.
/// </summary>
public static class RawHttp
{
    /// <summary>Writes <paramref name="head"/> (lines, without the empty line) and <paramref name="body"/>, then reads the answer's head.</summary>
    /// <remarks>The sending side stays open (a half-close reads to Kestrel as an aborted request).</remarks>
    public static async Task<string> ExchangeAsync(Uri baseUrl, string head, byte[] body, CancellationToken ct)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(baseUrl.Host, baseUrl.Port, ct);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ReplaceLineEndings("\r\n") + "\r\n"), ct);
        await stream.WriteAsync(body, ct);
        await stream.FlushAsync(ct);

        var answer = new MemoryStream();
        var buffer = new byte[4096];
        int read;
        try
        {
            while ((read = await stream.ReadAsync(buffer, ct)) > 0)
            {
                answer.Write(buffer, 0, read);
                if (Encoding.ASCII.GetString(answer.ToArray()).Contains("\r\n\r\n", StringComparison.Ordinal)) break;
            }
        }
        catch (IOException) { } // the server may reset the connection right after its answer
        var text = Encoding.ASCII.GetString(answer.ToArray());
        return text.Split("\r\n")[0];
    }
}

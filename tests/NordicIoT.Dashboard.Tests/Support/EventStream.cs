using System.Text.Json;

namespace NordicIoT.Dashboard.Tests.Support;

/// <summary>One Server-Sent Event: its type and its JSON data.</summary>
public sealed record ServerSentEvent(string Type, JsonElement Data);

/// <summary>Reads a text/event-stream response event by event.</summary>
public sealed class EventStream : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private EventStream(HttpResponseMessage response, StreamReader reader)
    {
        _response = response;
        _reader = reader;
    }

    /// <summary>Opens the stream; fails unless it answers 200 with text/event-stream.</summary>
    public static async Task<EventStream> OpenAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return new EventStream(response, new StreamReader(await response.Content.ReadAsStreamAsync()));
    }

    /// <summary>The next event (of <paramref name="type"/>, skipping heartbeats and others), within <see cref="Eventually.Patience"/>.</summary>
    public async Task<ServerSentEvent> NextAsync(string? type = null)
    {
        using var timeout = new CancellationTokenSource(Eventually.Patience);
        while (true)
        {
            string? name = null;
            var data = new List<string>();
            while (await _reader.ReadLineAsync(timeout.Token) is { } line && line.Length > 0)
            {
                if (line.StartsWith("event:", StringComparison.Ordinal))
                {
                    name = line["event:".Length..].Trim();
                }
                else if (line.StartsWith("data:", StringComparison.Ordinal))
                {
                    data.Add(line["data:".Length..].TrimStart());
                }
            }

            if (data.Count > 0 && (type is null || name == type))
            {
                return new ServerSentEvent(name ?? "message", JsonDocument.Parse(string.Join("\n", data)).RootElement.Clone());
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        return ValueTask.CompletedTask;
    }
}

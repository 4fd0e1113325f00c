using Microsoft.Extensions.Options;
using NordicIoT.Mqtt;

namespace NordicIoT.Cloud.Bridge;

/// <summary>The cloud identity's one MQTT connection: the bridge opens and reopens it, the device publisher sends through it.</summary>
public sealed class CloudMqttConnection(IOptions<BrokerOptions> options, IHostEnvironment environment, TimeProvider time) : IAsyncDisposable
{
    /// <summary>The topic filters the bridge subscribes to: every device's batches and state reports.</summary>
    public static readonly IReadOnlyList<string> DeviceUplinkFilters = ["d/+/b", "d/+/s"];

    private Session? _session;

    /// <summary>True when a broker is configured.</summary>
    public bool IsEnabled => options.Value.IsEnabled;

    /// <summary>True while a connection is open.</summary>
    public bool IsConnected => Volatile.Read(ref _session)?.Client.IsConnected ?? false;

    /// <summary>When the open connection was made; null when there is none.</summary>
    public DateTimeOffset? ConnectedSince => IsConnected ? Volatile.Read(ref _session)?.Since : null;

    /// <summary>Why the last connection ended or the last attempt failed; null when none did.</summary>
    public string? LastError { get; private set; }

    /// <summary>Opens a new connection with a persistent session, subscribes to <see cref="DeviceUplinkFilters"/> at QoS 1, and returns a task that completes when the connection is lost.</summary>
    /// <param name="onMessage">Called on the connection's reader for every message; the message is acknowledged when it returns unless it deferred that.</param>
    public async Task<Task> ConnectAsync(Action<MqttMessageReceivedEventArgs> onMessage, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.IsEnabled)
        {
            throw new InvalidOperationException("No broker is configured (Broker:Host).");
        }

        var credentials = MqttTlsCredentials.FromPemFiles(
            BrokerOptionsValidator.Resolve(settings.CaCertificatePath!, environment),
            BrokerOptionsValidator.Resolve(settings.CertificatePath!, environment),
            BrokerOptionsValidator.Resolve(settings.KeyPath!, environment));
        var client = new MqttClient(new MqttClientOptions { Host = settings.Host!, Port = settings.Port, Credentials = credentials });
        var session = new Session(client, credentials, time.GetUtcNow());
        var lost = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.MessageReceived += (_, e) => onMessage(e);
        client.ConnectionLost += (_, e) =>
        {
            LastError = e.Reason;
            lost.TrySetResult();
        };

        try
        {
            // A persistent session: the broker queues QoS 1 uplinks while the bridge is away and delivers them on return.
            await client.ConnectAsync(new MqttConnectOptions(settings.ClientId) { CleanSession = false, KeepAlive = settings.KeepAlive }, cancellationToken).ConfigureAwait(false);
            foreach (var filter in DeviceUplinkFilters)
            {
                await client.SubscribeAsync(filter, MqttQos.AtLeastOnce, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e)
        {
            LastError = e.Message;
            await session.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var previous = Interlocked.Exchange(ref _session, session);
        if (previous is not null)
        {
            await previous.DisposeAsync().ConfigureAwait(false);
        }

        return lost.Task;
    }

    /// <summary>Publishes at QoS 1 and waits for the broker's acknowledgement.</summary>
    /// <exception cref="MqttException">Not connected, or the connection ended before the acknowledgement.</exception>
    /// <exception cref="TimeoutException">No acknowledgement within <paramref name="timeout"/>.</exception>
    public async Task PublishAsync(string topic, ReadOnlyMemory<byte> payload, bool retain, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var session = Volatile.Read(ref _session);
        if (session is null || !session.Client.IsConnected)
        {
            throw new MqttException(IsEnabled
                ? $"The cloud MQTT connection is down ({LastError ?? "not connected yet"})."
                : "No broker is configured (Broker:Host).");
        }

        var receipt = await session.Client.PublishAsync(topic, payload, MqttQos.AtLeastOnce, retain, cancellationToken).ConfigureAwait(false);
        await receipt.Acknowledged.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Closes the connection, if open.</summary>
    public async Task DisconnectAsync()
    {
        var session = Interlocked.Exchange(ref _session, null);
        if (session is not null)
        {
            await session.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Closes the connection.</summary>
    public async ValueTask DisposeAsync() => await DisconnectAsync().ConfigureAwait(false);

    private sealed record Session(MqttClient Client, MqttTlsCredentials Credentials, DateTimeOffset Since) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Client.DisposeAsync().ConfigureAwait(false);
            Credentials.Dispose();
        }
    }
}

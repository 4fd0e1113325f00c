using System.Threading.Channels;
using Microsoft.Extensions.Options;
using NordicIoT.Cloud.Ingestion;
using NordicIoT.Cloud.Publishing;
using NordicIoT.Mqtt;

namespace NordicIoT.Cloud.Bridge;

/// <summary>Feeds every device batch and state report from the local broker into the <see cref="IngestPipeline"/>: connects as the cloud identity, reconnects with backoff, retries ingestion when storage fails.</summary>
/// <remarks>
/// A message is acknowledged to the broker only once it is stored (or kept as a dead letter), so neither a storage
/// outage nor a stopped or crashed app loses it: the broker keeps what is unacknowledged for the persistent session
/// and sends it again on the next connection (storing is idempotent). The connection's reader only queues messages,
/// so a slow store never stalls keep-alive; the broker sends at most its in-flight limit (Mosquitto: 20) unacknowledged
/// messages and holds the rest. A failing store is retried with pauses doubling up to half a minute until it works.
/// </remarks>
public sealed partial class MqttBridge(
    CloudMqttConnection connection, IngestPipeline pipeline, PendingConfigPublisher pendingConfigs, IOptions<BrokerOptions> options, TimeProvider time, ILogger<MqttBridge> logger)
    : BackgroundService
{
    /// <summary>Messages that may wait for ingestion; when full, the connection's reader waits, which slows the broker down.</summary>
    public const int QueueCapacity = 1000;

    // Doubling from half a second up to half a minute, with the backoff's jitter: quick after a blip, and a long outage
    // costs a log line and a query every half minute.
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);

    private readonly Channel<Received> _queue = Channel.CreateBounded<Received>(new BoundedChannelOptions(QueueCapacity)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    private long _received;
    private long _retries;

    /// <summary>State and counters for health and metrics.</summary>
    public BridgeStatus Status() => new(
        !connection.IsEnabled ? "disabled" : connection.IsConnected ? "connected" : "disconnected",
        connection.ConnectedSince,
        connection.LastError,
        Interlocked.Read(ref _received),
        Interlocked.Read(ref _retries));

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!connection.IsEnabled)
        {
            LogDisabled();
            return;
        }

        var consumer = ConsumeAsync(stoppingToken);
        await KeepConnectedAsync(stoppingToken).ConfigureAwait(false);
        await connection.DisconnectAsync().ConfigureAwait(false);
        _queue.Writer.TryComplete();
        await consumer.ConfigureAwait(false);
    }

    private async Task KeepConnectedAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var backoff = new ReconnectBackoff(settings.ReconnectMinDelay, settings.ReconnectMaxDelay);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var lost = await connection.ConnectAsync(Enqueue, stoppingToken).ConfigureAwait(false);
                LogConnected(settings.Host!, settings.Port, settings.ClientId);
                backoff.Reset();
                await PublishPendingConfigsAsync(stoppingToken).ConfigureAwait(false);
                await lost.WaitAsync(stoppingToken).ConfigureAwait(false);
                LogConnectionLost(connection.LastError);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Top-level policy of a background loop: log, back off, try again; never end the service.
                LogConnectFailed(settings.Host!, settings.Port, e.Message);
            }

            try
            {
                await Task.Delay(backoff.Next(), time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    // A configuration saved while the broker was unreachable was stored but not sent; the device gets it now.
    private async Task PublishPendingConfigsAsync(CancellationToken stoppingToken)
    {
        try
        {
            await pendingConfigs.PublishAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The connection or the store failed mid-pass: what was not sent goes at the next connect.
            LogPendingConfigsFailed(e.Message);
        }
    }

    // Runs on the connection's reader. A closed queue (shutting down) throws, which closes the connection without
    // acknowledging, so the broker redelivers the message to the next session.
    private void Enqueue(MqttMessageReceivedEventArgs e)
    {
        Interlocked.Increment(ref _received);
        var received = new Received(e.Message.Topic, e.Message.Payload, time.GetUtcNow(), e.DeferAcknowledgement());
        if (!_queue.Writer.TryWrite(received))
        {
            _queue.Writer.WriteAsync(received).AsTask().GetAwaiter().GetResult();
        }
    }

    // One message at a time, so acknowledgements go in the order the messages came, as MQTT asks. Stopping leaves
    // what is queued unacknowledged: the broker has it and sends it again to the next session.
    private async Task ConsumeAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var message in _queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                await IngestAsync(message, stoppingToken).ConfigureAwait(false);
                if (message.Acknowledgement is { } acknowledgement)
                {
                    // False when its connection ended meanwhile: the broker sends it again, and storing it twice is harmless.
                    await acknowledgement.SendAsync().ConfigureAwait(false);
                }
            }
        }
        catch (Exception) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping mid-wait or mid-store: that message was not acknowledged either.
        }
    }

    private async Task IngestAsync(Received message, CancellationToken stoppingToken)
    {
        var backoff = new ReconnectBackoff(FirstRetryDelay, MaxRetryDelay);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var outcome = await pipeline.IngestAsync(message.Topic, message.Payload, message.ReceivedAt, CancellationToken.None).ConfigureAwait(false);
                if (outcome.Result == IngestResult.DeadLettered)
                {
                    LogDeadLetter(message.Topic, outcome.DeadLetterReason!, outcome.Detail!);
                }

                return;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // Storage failures throw (bad input becomes a dead letter instead), and a retry is always safe.
                Interlocked.Increment(ref _retries);
                var pause = backoff.Next();
                LogIngestRetry(message.Topic, attempt, pause.TotalSeconds, e);
                await Task.Delay(pause, time, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    [LoggerMessage(LogLevel.Information, "MQTT bridge disabled: no broker configured (Broker:Host).")]
    private partial void LogDisabled();

    [LoggerMessage(LogLevel.Information, "MQTT bridge connected to {Host}:{Port} as {ClientId}; subscribed to d/+/b and d/+/s.")]
    private partial void LogConnected(string host, int port, string clientId);

    [LoggerMessage(LogLevel.Warning, "MQTT bridge lost its connection: {Reason}. Reconnecting.")]
    private partial void LogConnectionLost(string? reason);

    [LoggerMessage(LogLevel.Warning, "MQTT bridge could not connect to {Host}:{Port}: {Reason}. Retrying with backoff.")]
    private partial void LogConnectFailed(string host, int port, string reason);

    [LoggerMessage(LogLevel.Warning, "Publishing pending device configurations again stopped: {Reason}. The rest goes at the next connect.")]
    private partial void LogPendingConfigsFailed(string reason);

    [LoggerMessage(LogLevel.Warning, "Dead letter from {Topic}: {Reason}: {Detail}")]
    private partial void LogDeadLetter(string topic, string reason, string detail);

    [LoggerMessage(LogLevel.Warning, "Ingesting a message from {Topic} failed (attempt {Attempt}); trying again in {Seconds:0.0} s. It stays unacknowledged, so the broker keeps it.")]
    private partial void LogIngestRetry(string topic, int attempt, double seconds, Exception exception);

    private sealed record Received(string Topic, byte[] Payload, DateTimeOffset ReceivedAt, MqttDeferredAcknowledgement? Acknowledgement);
}

using System.Collections.Concurrent;
using NordicIoT.Cloud.Publishing;

namespace NordicIoT.Cloud.Tests.Support;

/// <summary>A device publisher that keeps what a broker would retain per device (and every offer publish in order), and can be made to fail like an unreachable broker.</summary>
public sealed class RecordingPublisher : IDevicePublisher
{
    private readonly ConcurrentDictionary<string, byte[]> _offers = new(StringComparer.Ordinal);

    /// <summary>Every offer publish (empty payload = withdrawal), in order.</summary>
    public ConcurrentQueue<(string DeviceId, byte[] Payload)> OfferLog { get; } = new();

    /// <summary>True: every publish throws as when the broker is down.</summary>
    public bool Down { get; set; }

    /// <summary>The retained offer of a device; null when none was ever published, empty when withdrawn.</summary>
    public byte[]? RetainedOffer(string deviceId) => _offers.TryGetValue(deviceId, out var offer) ? offer : null;

    /// <summary>Devices whose retained offer is not empty.</summary>
    public IReadOnlyList<string> DevicesWithOffers() => [.. _offers.Where(o => o.Value.Length > 0).Select(o => o.Key).Order(StringComparer.Ordinal)];

    public Task PublishConfigAsync(string deviceId, ReadOnlyMemory<byte> config, CancellationToken cancellationToken) =>
        Down ? throw new DevicePublishException("broker down (test)") : Task.CompletedTask;

    public Task PublishOfferAsync(string deviceId, ReadOnlyMemory<byte> offer, CancellationToken cancellationToken)
    {
        if (Down)
        {
            throw new DevicePublishException("broker down (test)");
        }

        _offers[deviceId] = offer.ToArray();
        OfferLog.Enqueue((deviceId, offer.ToArray()));
        return Task.CompletedTask;
    }
}

namespace NordicIoT.Cloud.Devices;

/// <summary>The cloud's view of one device: what it reported (per field, with the device's time), its latest readings, the desired configuration, and a version for optimistic concurrency.</summary>
public sealed class DeviceTwin
{
    public required string DeviceId { get; init; }

    /// <summary>When the device was registered.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Fleet group (cohort) the device belongs to; used by rollouts and filters.</summary>
    public string? Group { get; set; }

    /// <summary>When the cloud last received anything from the device (receive time).</summary>
    public DateTimeOffset? LastSeen { get; set; }

    /// <summary>Reported state fields by name (see <see cref="ReportedFieldNames"/>), each with the device time it was reported at.</summary>
    public Dictionary<string, ReportedValue> Reported { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Latest reading of each sensor id.</summary>
    public Dictionary<int, LatestReading> Latest { get; init; } = [];

    /// <summary>The configuration the cloud wants the device to run; null until an operator sets one.</summary>
    public DesiredConfig? Desired { get; set; }

    /// <summary>Increases by one with every stored change; the ETag of the twin.</summary>
    public long Version { get; set; }
}

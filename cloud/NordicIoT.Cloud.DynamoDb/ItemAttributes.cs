namespace NordicIoT.Cloud.DynamoDb;

// Attribute names are short on purpose: DynamoDB bills every item's names with its values.

/// <summary>Attributes of a devices item (one per device).</summary>
internal static class DeviceAttributes
{
    /// <summary>Partition key: the device id.</summary>
    public const string Id = "id";

    /// <summary>Fleet group; absent when none.</summary>
    public const string Group = "grp";

    /// <summary>Registration time, UTC ticks.</summary>
    public const string Created = "created";

    /// <summary>Last-seen sort key (UTC ticks, -1 never).</summary>
    public const string Seen = "seen";

    /// <summary>Twin version, the compare-and-swap condition.</summary>
    public const string Version = "ver";

    /// <summary>The twin document (JSON).</summary>
    public const string Document = "doc";
}

/// <summary>Attributes of a readings item (one per batch a device sent).</summary>
internal static class ReadingAttributes
{
    /// <summary>Partition key: the device id.</summary>
    public const string Device = "dev";

    /// <summary>Sort key: first reading time (13 digits) '#' payload hash, so a redelivered batch overwrites itself.</summary>
    public const string Batch = "batch";

    /// <summary>First reading time, Unix seconds.</summary>
    public const string First = "first";

    /// <summary>Last reading time, Unix seconds.</summary>
    public const string Last = "last";

    /// <summary>Sensor ids present (number set).</summary>
    public const string Sensors = "sensors";

    /// <summary>The CBOR batch exactly as the device sent it.</summary>
    public const string Payload = "cbor";

    /// <summary>Receive time, UTC ticks.</summary>
    public const string Received = "rcv";
}

/// <summary>Attributes of a dead-letters item.</summary>
internal static class DeadLetterAttributes
{
    /// <summary>Partition key: the device id, or <see cref="NoDevice"/>.</summary>
    public const string Device = "dev";

    /// <summary>Sort key: receive ticks (19 digits) '#' id, so newest first is a backwards query.</summary>
    public const string At = "at";

    /// <summary>Always <see cref="AllValue"/>: the partition of the by-time index over all devices.</summary>
    public const string All = "all";

    public const string Id = "id";

    public const string Received = "rcv";

    public const string Topic = "topic";

    /// <summary>The device id from the topic; absent when the topic had none.</summary>
    public const string DeviceId = "did";

    public const string Reason = "reason";

    public const string Detail = "detail";

    public const string Payload = "payload";

    public const string PayloadLength = "len";

    /// <summary>Partition of dead letters whose topic named no device ('~' is never part of a device id).</summary>
    public const string NoDevice = "~";

    public const string AllValue = "all";
}

/// <summary>Attributes of an api-keys item.</summary>
internal static class ApiKeyAttributes
{
    /// <summary>Partition key: the key's SHA-256 (hex), so authenticating a request is one GetItem.</summary>
    public const string Hash = "hash";

    public const string Id = "id";

    public const string Name = "name";

    public const string Role = "role";

    public const string Created = "created";
}

using NordicIoT.Cloud.Access;
using NordicIoT.Cloud.DeadLetters;
using NordicIoT.Cloud.Devices;
using NordicIoT.Cloud.Readings;
using NordicIoT.Schemas.Messages;

namespace NordicIoT.Cloud.Storage;

/// <summary>The input checks every engine runs before touching storage, so both refuse the same things with the same messages.</summary>
public static class StorageArguments
{
    /// <summary>Most devices one fleet page may hold.</summary>
    public const int MaxPageSize = 500;

    /// <summary>Longest group name.</summary>
    public const int MaxGroupLength = 64;

    /// <summary>Throws unless <paramref name="deviceId"/> is an id the topics accept.</summary>
    public static void CheckDeviceId(string deviceId)
    {
        if (!Topics.IsValidDeviceId(deviceId))
        {
            throw new ArgumentException($"device id '{deviceId}' is not 1..{Topics.MaxDeviceIdLength} characters of A-Z, a-z, 0-9, '_' or '-'", nameof(deviceId));
        }
    }

    /// <summary>Throws unless the twin can be stored.</summary>
    public static void CheckTwin(DeviceTwin twin)
    {
        ArgumentNullException.ThrowIfNull(twin);
        CheckDeviceId(twin.DeviceId);
        if (twin.Group is { } group && (group.Length == 0 || group.Length > MaxGroupLength || string.IsNullOrWhiteSpace(group)))
        {
            throw new ArgumentException($"group of device '{twin.DeviceId}' must be null or 1..{MaxGroupLength} characters, not all blank", nameof(twin));
        }

        if (twin.Reported is null || twin.Latest is null)
        {
            throw new ArgumentException($"twin of device '{twin.DeviceId}' needs Reported and Latest (empty is fine)", nameof(twin));
        }
    }

    /// <summary>Throws unless the fleet query is valid; returns the position its token names, or null for the first page.</summary>
    public static FleetPosition? CheckQuery(DeviceQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.PageSize is < 1 or > MaxPageSize)
        {
            throw new ArgumentOutOfRangeException(nameof(query), query.PageSize, $"page size must be 1..{MaxPageSize}");
        }

        if (query.Group is { Length: 0 })
        {
            throw new ArgumentException("group filter must be null (all groups) or a group name, not empty", nameof(query));
        }

        if (!Enum.IsDefined(query.Sort))
        {
            throw new ArgumentOutOfRangeException(nameof(query), query.Sort, "unknown device sort order");
        }

        return query.ContinuationToken is null ? null : FleetPosition.FromToken(query.ContinuationToken, query.Sort);
    }

    /// <summary>Throws unless the batch can be stored: not null, a payload, readings no more than <see cref="ReadingLimits.MaxBatchSpan"/> apart.</summary>
    public static void CheckBatch(string deviceId, ReadingBatch batch, ReadOnlyMemory<byte> payload)
    {
        CheckDeviceId(deviceId);
        ArgumentNullException.ThrowIfNull(batch);
        if (payload.IsEmpty)
        {
            throw new ArgumentException($"batch of device '{deviceId}' comes without its payload", nameof(payload));
        }

        if (batch.Count == 0)
        {
            return;
        }

        long first = long.MaxValue;
        long last = long.MinValue;
        for (int i = 0; i < batch.Count; i++)
        {
            first = Math.Min(first, batch.Times[i]);
            last = Math.Max(last, batch.Times[i]);
        }

        if (first < 0)
        {
            throw new ArgumentException($"batch of device '{deviceId}' has a reading at {first}, before 1970", nameof(batch));
        }

        if (last - first > (long)ReadingLimits.MaxBatchSpan.TotalSeconds)
        {
            throw new ArgumentException($"batch of device '{deviceId}' spans {last - first} s, more than the {ReadingLimits.MaxBatchSpan.TotalSeconds} s a stored batch may", nameof(batch));
        }
    }

    /// <summary>Throws unless the reading query is valid.</summary>
    public static void CheckReadingQuery(string deviceId, int sensor, DateTimeOffset from, DateTimeOffset to, int limit)
    {
        CheckDeviceId(deviceId);
        if (!SensorKind.IsValid(sensor))
        {
            throw new ArgumentOutOfRangeException(nameof(sensor), sensor, "sensor id is not one the wire format defines");
        }

        if (from > to)
        {
            throw new ArgumentException($"reading window starts ({from:O}) after it ends ({to:O})", nameof(from));
        }

        CheckLimit(limit);
    }

    /// <summary>Throws unless the dead letter can be stored.</summary>
    public static void CheckDeadLetter(DeadLetter deadLetter)
    {
        ArgumentNullException.ThrowIfNull(deadLetter);
        if (string.IsNullOrEmpty(deadLetter.Id) || string.IsNullOrEmpty(deadLetter.Reason) || deadLetter.Topic is null || deadLetter.Detail is null || deadLetter.Payload is null)
        {
            throw new ArgumentException("a dead letter needs an id, a reason, a topic, a detail and a payload (may be empty)", nameof(deadLetter));
        }

        if (deadLetter.DeviceId is { } deviceId)
        {
            CheckDeviceId(deviceId);
        }

        if (deadLetter.PayloadLength < deadLetter.Payload.Length)
        {
            throw new ArgumentException($"dead letter {deadLetter.Id} says its payload was {deadLetter.PayloadLength} bytes but holds {deadLetter.Payload.Length}", nameof(deadLetter));
        }
    }

    /// <summary>The payload bytes a store keeps: at most <see cref="DeadLetter.MaxStoredPayload"/>.</summary>
    public static byte[] StoredPayload(DeadLetter deadLetter) =>
        deadLetter.Payload.Length <= DeadLetter.MaxStoredPayload ? deadLetter.Payload : deadLetter.Payload[..DeadLetter.MaxStoredPayload];

    /// <summary>Throws unless the API key record can be stored.</summary>
    public static void CheckApiKey(ApiKeyRecord key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (string.IsNullOrEmpty(key.Id) || key.Name is null)
        {
            throw new ArgumentException("an API key needs an id and a name", nameof(key));
        }

        CheckHash(key.Hash);
        if (!Enum.IsDefined(key.Role))
        {
            throw new ArgumentOutOfRangeException(nameof(key), key.Role, "unknown API role");
        }
    }

    /// <summary>Throws unless <paramref name="hash"/> is a lower-case hex SHA-256.</summary>
    public static void CheckHash(string hash)
    {
        if (hash is null || hash.Length != 64 || !hash.All(c => char.IsAsciiHexDigitLower(c) || char.IsAsciiDigit(c)))
        {
            throw new ArgumentException("API key hash must be 64 lower-case hex characters (SHA-256)", nameof(hash));
        }
    }

    /// <summary>Throws unless <paramref name="limit"/> is at least 1.</summary>
    public static void CheckLimit(int limit)
    {
        if (limit < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit, "limit must be at least 1");
        }
    }
}

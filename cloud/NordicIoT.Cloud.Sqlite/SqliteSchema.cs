namespace NordicIoT.Cloud.Sqlite;

/// <summary>The tables of the SQLite engine. Instants are UTC ticks (see StoredTime); reading times are Unix seconds as on the wire.</summary>
internal static class SqliteSchema
{
    /// <summary>Version of the schema below, kept in PRAGMA user_version for future migrations.</summary>
    public const int Version = 2;

    /// <summary>Creates what is missing; idempotent.</summary>
    /// <remarks>
    /// readings: one row per (device, sensor, time), the key that makes ingestion idempotent, clustered by that key
    /// (WITHOUT ROWID) so a sensor's history is one contiguous range. "value" holds the first value and "more" the rest
    /// (GPS: five more, little-endian int32), null for one-value sensors.
    /// devices.seen_key: last-seen ticks, -1 for never, so both last-seen orders are plain index scans.
    /// releases.version_key: the version without build metadata, unique, so two uploads cannot both hold a version.
    /// executions: one row per (rollout, device), the key that keeps a device from taking a rollout twice.
    /// </remarks>
    public static readonly string Create = $"""
        PRAGMA journal_mode=WAL;
        CREATE TABLE IF NOT EXISTS devices (
            id TEXT NOT NULL PRIMARY KEY,
            grp TEXT NULL,
            created_at INTEGER NOT NULL,
            seen_key INTEGER NOT NULL,
            version INTEGER NOT NULL,
            doc TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS devices_by_seen ON devices (seen_key, id);
        CREATE INDEX IF NOT EXISTS devices_by_group ON devices (grp, id);
        CREATE TABLE IF NOT EXISTS readings (
            device TEXT NOT NULL,
            sensor INTEGER NOT NULL,
            time INTEGER NOT NULL,
            value INTEGER NOT NULL,
            more BLOB NULL,
            PRIMARY KEY (device, sensor, time)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS dead_letters (
            id TEXT NOT NULL PRIMARY KEY,
            received_at INTEGER NOT NULL,
            topic TEXT NOT NULL,
            device TEXT NULL,
            reason TEXT NOT NULL,
            detail TEXT NOT NULL,
            payload BLOB NOT NULL,
            payload_length INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS dead_letters_by_time ON dead_letters (received_at, id);
        CREATE INDEX IF NOT EXISTS dead_letters_by_device ON dead_letters (device, received_at, id);
        CREATE TABLE IF NOT EXISTS api_keys (
            id TEXT NOT NULL PRIMARY KEY,
            name TEXT NOT NULL,
            role INTEGER NOT NULL,
            hash TEXT NOT NULL UNIQUE,
            created_at INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS releases (
            id TEXT NOT NULL PRIMARY KEY,
            version TEXT NOT NULL,
            version_key TEXT NOT NULL UNIQUE,
            status INTEGER NOT NULL,
            created_at INTEGER NOT NULL,
            doc TEXT NOT NULL,
            manifest BLOB NOT NULL,
            signature BLOB NOT NULL
        );
        CREATE TABLE IF NOT EXISTS rollouts (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            status INTEGER NOT NULL,
            revision INTEGER NOT NULL,
            doc TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS executions (
            rollout INTEGER NOT NULL,
            device TEXT NOT NULL,
            version INTEGER NOT NULL,
            doc TEXT NOT NULL,
            PRIMARY KEY (rollout, device)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS executions_by_device ON executions (device, rollout);
        PRAGMA user_version = {Version};
        """;
}

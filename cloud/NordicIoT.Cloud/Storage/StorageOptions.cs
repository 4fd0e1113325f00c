namespace NordicIoT.Cloud.Storage;

/// <summary>Settings of section "Storage": which engine holds devices, readings, dead letters and API keys, and where.</summary>
public sealed class StorageOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Storage";

    /// <summary>The engine: SQLite (embedded, the default) or DynamoDB.</summary>
    public StorageEngine Engine { get; set; } = StorageEngine.Sqlite;

    /// <summary>Folder for local data (the SQLite file, the first admin key); relative paths are under the content root.</summary>
    public string DataDirectory { get; set; } = Path.Combine(".nordiciot", "data");

    /// <summary>SQLite settings.</summary>
    public SqliteEngineOptions Sqlite { get; set; } = new();

    /// <summary>DynamoDB settings.</summary>
    public DynamoDbEngineOptions DynamoDb { get; set; } = new();
}

/// <summary>The storage engines the app can run on.</summary>
public enum StorageEngine
{
    /// <summary>One SQLite file: local runs and small fleets.</summary>
    Sqlite,

    /// <summary>Amazon DynamoDB (or a local stand-in at a service URL).</summary>
    DynamoDb,
}

/// <summary>Settings of section "Storage:Sqlite".</summary>
public sealed class SqliteEngineOptions
{
    /// <summary>The database file; null means nordiciot.db in the data folder. Relative paths are under the content root.</summary>
    public string? Path { get; set; }
}

/// <summary>Settings of section "Storage:DynamoDb".</summary>
public sealed class DynamoDbEngineOptions
{
    /// <summary>Endpoint URL for a local stand-in (dynalite, DynamoDB Local); null uses the region's AWS endpoint.</summary>
    public string? ServiceUrl { get; set; }

    /// <summary>AWS region, e.g. eu-north-1.</summary>
    public string? Region { get; set; }

    /// <summary>Prefix of every table name, so several deployments can share an account.</summary>
    public string TablePrefix { get; set; } = "nordiciot-";
}

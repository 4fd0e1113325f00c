namespace NordicIoT.Cloud.Devices;

/// <summary>Names of reported fields in a twin and in the API (one per state report key).</summary>
public static class ReportedFieldNames
{
    public const string FirmwareVersion = "firmwareVersion";
    public const string Board = "board";
    public const string Uptime = "uptime";
    public const string FreeHeap = "freeHeap";
    public const string Buffered = "buffered";
    public const string BufferFill = "bufferFill";
    public const string Dropped = "dropped";
    public const string ConfigVersion = "configVersion";
    public const string ConfigRejection = "configRejection";
    public const string Ota = "ota";
    public const string Network = "network";
}

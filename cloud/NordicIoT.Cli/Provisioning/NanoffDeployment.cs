using System.Text.Json.Serialization;

namespace NordicIoT.Cli.Provisioning;

/// <summary>One file for nanoff --filedeployment: copied from the host path to the board path (no source deletes it).</summary>
public sealed record DeploymentFile(
    [property: JsonPropertyName("DestinationFilePath")] string DestinationFilePath,
    [property: JsonPropertyName("SourceFilePath"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? SourceFilePath);

/// <summary>The nanoff --filedeployment JSON: the serial port (optional) and the files to write to the board's storage.</summary>
public sealed record FileDeployment(
    [property: JsonPropertyName("SerialPort"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? SerialPort,
    [property: JsonPropertyName("Files")] IReadOnlyList<DeploymentFile> Files);

/// <summary>Wi-Fi credentials stored in the board's network configuration block.</summary>
public sealed record WirelessClient(
    [property: JsonPropertyName("SSID")] string Ssid,
    [property: JsonPropertyName("Password"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Password);

/// <summary>The nanoff --networkdeployment JSON: Wi-Fi (optional) and the certificates kept in the board's configuration block.</summary>
public sealed record NetworkDeployment(
    [property: JsonPropertyName("SerialPort"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? SerialPort,
    [property: JsonPropertyName("WirelessClient"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] WirelessClient? WirelessClient,
    [property: JsonPropertyName("DeviceCertificatesPath")] string DeviceCertificatesPath,
    [property: JsonPropertyName("CACertificatesPath")] string CACertificatesPath);

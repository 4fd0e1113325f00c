using System.Text.Json;
using NordicIoT.Cli.Errors;
using NordicIoT.Cli.Provisioning;

namespace NordicIoT.Cli.Flashing;

/// <summary>The nanoff runs that put one provisioned device onto a board: firmware, application image, files on I:\, Wi-Fi.</summary>
public sealed class FlashPlan
{
    private FlashPlan(IReadOnlyList<NanoffStep> steps, IReadOnlyList<string> warnings)
    {
        Steps = steps;
        Warnings = warnings;
    }

    /// <summary>The nanoff runs, in order.</summary>
    public IReadOnlyList<NanoffStep> Steps { get; }

    /// <summary>What the user should check (e.g. a serial port in the deployment file that differs from the one given).</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Plans flashing <paramref name="deviceId"/> (provisioned in <paramref name="layout"/>) onto <paramref name="board"/> at <paramref name="serialPort"/>.</summary>
    /// <param name="image">The application image (.bin) to deploy, or null to leave the application on the board as it is.</param>
    public static FlashPlan Create(ProjectLayout layout, BoardProfile board, string deviceId, string serialPort, string? image)
    {
        if (string.IsNullOrWhiteSpace(serialPort))
        {
            throw new InvalidInputException("--serial-port must name the board's serial port, e.g. /dev/ttyUSB0 or COM3.");
        }

        string fileDeployment = layout.FileDeploymentPath(deviceId);
        if (!File.Exists(fileDeployment))
        {
            throw new InvalidInputException(
                $"Device '{deviceId}' is not provisioned in {layout.Root} ({fileDeployment} is missing): " +
                $"run `nordiciot provision --dir {layout.Root} --device {deviceId} --board {board.Id}` first.");
        }

        var warnings = new List<string>();
        CheckBoard(layout, deviceId, board, warnings);
        var files = Read<FileDeployment>(fileDeployment);
        if (files.SerialPort is { } filePort && filePort != serialPort)
        {
            warnings.Add($"{fileDeployment} names serial port {filePort}, which nanoff uses for the file deployment instead of {serialPort}.");
        }

        var target = new[] { "--target", board.NanoffTarget, "--serialport", serialPort };
        var steps = new List<NanoffStep>
        {
            new("flash the nanoFramework firmware", ["--update", .. target]),
        };

        if (image is not null)
        {
            string imagePath = Path.GetFullPath(image);
            if (!File.Exists(imagePath))
            {
                throw new InvalidInputException($"--image {imagePath} does not exist: build device/NordicIoT.Device.App and pass its .bin.");
            }

            steps.Add(new("deploy the application image", [.. target, "--deploy", "--image", imagePath]));
        }
        else
        {
            warnings.Add("No --image given: the application on the board is left as it is.");
        }

        steps.Add(new(@"write device.json and the certificates to I:\", [.. target, "--filedeployment", fileDeployment]));
        string networkDeployment = layout.NetworkDeploymentPath(deviceId);
        if (File.Exists(networkDeployment) && Read<NetworkDeployment>(networkDeployment).WirelessClient is not null)
        {
            steps.Add(new("store the Wi-Fi network in the board's configuration", [.. target, "--networkdeployment", networkDeployment]));
        }

        return new FlashPlan(steps, warnings);
    }

    private static void CheckBoard(ProjectLayout layout, string deviceId, BoardProfile board, List<string> warnings)
    {
        string settingsPath = layout.DeviceSettingsPath(deviceId);
        var settings = Read<DeviceSettings>(settingsPath);
        if (settings.Board is null)
        {
            warnings.Add($"{settingsPath} names no board, so the app uses its default board's pins; pin it with `nordiciot provision --device {deviceId} --board {board.Id}`.");
        }
        else if (settings.Board != board.Id)
        {
            throw new InvalidInputException(
                $"Device '{deviceId}' was provisioned for board '{settings.Board}', not '{board.Id}': the app would use the wrong pins. " +
                $"Run `nordiciot provision --device {deviceId} --board {board.Id}` (same broker options) or flash with --board {settings.Board}.");
        }
    }

    private static T Read<T>(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidInputException($"{path} is missing: provision the device again.");
        }

        try
        {
            return ProjectFiles.ReadJson<T>(path);
        }
        catch (JsonException e)
        {
            throw new InvalidInputException($"{path} is not what `nordiciot provision` writes: {e.Message}", e);
        }
    }
}

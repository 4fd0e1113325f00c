using System.Text.Json;
using NordicIoT.Cli.Errors;
using NordicIoT.Cli.Provisioning;
using NordicIoT.Device.Ota;

namespace NordicIoT.Cli.Flashing;

/// <summary>The nanoff runs that put one provisioned device onto a board: firmware, the application (or OTA loader) image, files on I:\ (with the first application set for the loader), Wi-Fi.</summary>
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
    /// <param name="layout">The project folder the device was provisioned in.</param>
    /// <param name="board">The board's profile.</param>
    /// <param name="deviceId">The provisioned device.</param>
    /// <param name="serialPort">The board's serial port.</param>
    /// <param name="image">The deployment image (.bin): the OTA loader's with <paramref name="appSetFolder"/>, else the application's; null leaves the board's as it is.</param>
    /// <param name="appSetFolder">The app's build output, deployed as application set a for the loader (with the set record, written under the device's folder along with the file-deployment file); null for none.</param>
    /// <param name="appVersion">The version the set record carries; required with <paramref name="appSetFolder"/>.</param>
    public static FlashPlan Create(ProjectLayout layout, BoardProfile board, string deviceId, string serialPort, string? image, string? appSetFolder = null, string? appVersion = null)
    {
        if (string.IsNullOrWhiteSpace(serialPort))
        {
            throw new InvalidInputException("--serial-port must name the board's serial port, e.g. /dev/ttyUSB0 or COM3.");
        }

        if (appSetFolder is not null && image is null)
        {
            throw new InvalidInputException(
                "--app-set needs --image with the OTA loader's image (device/NordicIoT.Device.Loader/bin/Release/NordicIoT.Device.Loader.bin): the loader is what starts the set.");
        }

        if ((appSetFolder is null) != (appVersion is null))
        {
            throw new InvalidInputException(
                "--app-set and --app-version go together: the version is what the set record carries and the device reports (the version this build would be signed as).");
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

        string? imagePath = image is null ? null : Path.GetFullPath(image);
        if (imagePath is not null)
        {
            if (!File.Exists(imagePath))
            {
                string project = appSetFolder is null ? "device/NordicIoT.Device.App" : "device/NordicIoT.Device.Loader";
                throw new InvalidInputException($"--image {imagePath} does not exist: build {project} and pass its .bin.");
            }

            steps.Add(new(appSetFolder is null ? "deploy the application image" : "deploy the OTA loader image", [.. target, "--deploy", "--image", imagePath]));
        }
        else
        {
            warnings.Add("No --image given: the application on the board is left as it is.");
        }

        if (appSetFolder is not null && imagePath is not null && appVersion is not null)
        {
            var set = FirstAppSet.FromBuild(appSetFolder, imagePath, appVersion);
            CheckRoom(board, set, files);
            string flashDeployment = layout.FlashDeploymentPath(deviceId);
            ProjectFiles.WriteJson(flashDeployment, new FileDeployment(files.SerialPort, [.. files.Files, .. set.Deploy(layout.AppSetFolder(deviceId))]), ProjectFiles.Readable);
            steps.Add(new(
                $@"write device.json, the certificates, release.pub and application set a ({set.Version}, {set.Files.Count} assemblies) to I:\",
                [.. target, "--filedeployment", flashDeployment]));
        }
        else
        {
            steps.Add(new(@"write device.json, the certificates and release.pub to I:\", [.. target, "--filedeployment", fileDeployment]));
        }

        string networkDeployment = layout.NetworkDeploymentPath(deviceId);
        if (File.Exists(networkDeployment) && Read<NetworkDeployment>(networkDeployment).WirelessClient is not null)
        {
            steps.Add(new("store the Wi-Fi network in the board's configuration", [.. target, "--networkdeployment", networkDeployment]));
        }

        return new FlashPlan(steps, warnings);
    }

    // An update downloads the next set beside the running one, so the loader is only worth deploying where two fit
    // beside the reading buffer, the agent's reserve and the provisioned files.
    private static void CheckRoom(BoardProfile board, FirstAppSet set, FileDeployment files)
    {
        if (board.StorageBytes is not { } storage)
        {
            throw new InvalidInputException($"The board profile {board.Id} has no \"storageBytes\" (the size of its I:\\ drive), so whether the application set fits cannot be checked; add it to hardware/{board.Id}.json.");
        }

        long buffer = board.ReadingBufferBytes ?? 0;
        long reserve = new OtaOptions().FlashReserveBytes;
        long others = files.Files.Select(f => f.SourceFilePath).OfType<string>().Where(File.Exists).Sum(p => FirstAppSet.Blocks(new FileInfo(p).Length));
        long needed = (2 * set.FlashBytes) + buffer + reserve + others;
        if (needed > storage)
        {
            throw new InvalidInputException(
                $"The application set takes {set.FlashBytes:N0} bytes of I:\\ (whole 4 KB blocks); taking an update needs two sets beside the reading buffer ({buffer:N0}), " +
                $"the download reserve ({reserve:N0}) and the provisioned files ({others:N0}): {needed:N0} bytes, but the {board.Id} board's I:\\ has {storage:N0}. " +
                "Use a board with a larger I:\\ (8 MB flash), make the application smaller, or flash the app's own image without --app-set (no updates over the air).");
        }
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

using NordicIoT.Cli.Errors;
using NordicIoT.Cli.Firmware;
using NordicIoT.Cli.Provisioning;
using NordicIoT.Device.Host.Storage;
using NordicIoT.Device.Ota;
using NordicIoT.Device.Ota.AppSets;

namespace NordicIoT.Cli.Flashing;

/// <summary>The application set a board starts with under the OTA loader: the app build's assemblies, minus those in the loader's image, as slot a in load order, with the set record the loader reads.</summary>
public sealed class FirstAppSet
{
    /// <summary>The assembly whose Program.Main the loader starts; a build output without it is not the app's.</summary>
    public const string EntryAssembly = "NordicIoT.Device.App.pe";

    /// <summary>Size of a LittleFS block on the ESP32 targets' I:\ (the flash erase sector): each file takes whole blocks.</summary>
    public const long BlockBytes = 4096;

    private const string Drive = @"I:\";

    private FirstAppSet(string version, IReadOnlyList<string> files)
    {
        Version = version;
        Files = files;
    }

    /// <summary>The application version the set record carries (and the device reports).</summary>
    public string Version { get; }

    /// <summary>The .pe files, in load order.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>What the set takes on I:\, whole blocks per file.</summary>
    public long FlashBytes => Files.Sum(f => Blocks(new FileInfo(f).Length));

    /// <summary>Reads the app's build output <paramref name="buildFolder"/>; the assemblies beside <paramref name="loaderImage"/> are the loader image's and stay out of the set.</summary>
    /// <exception cref="InvalidInputException">The folder, the entry assembly or the version is missing or wrong, or the image is the app's rather than the loader's.</exception>
    public static FirstAppSet FromBuild(string buildFolder, string loaderImage, string version)
    {
        string folder = Path.GetFullPath(buildFolder);
        if (!Directory.Exists(folder))
        {
            throw new InvalidInputException(
                $"--app-set {folder} does not exist: build device/NordicIoT.Device.App (Release) and pass its output folder, e.g. device/NordicIoT.Device.App/bin/Release.");
        }

        var assemblies = LoadOrder.AssembliesIn(folder);
        if (!assemblies.Any(f => Path.GetFileName(f) == EntryAssembly))
        {
            throw new InvalidInputException(
                $"--app-set {folder} holds no {EntryAssembly}: it is not the board app's build output. Build device/NordicIoT.Device.App and pass the folder with its .pe files.");
        }

        var inLoader = LoadOrder.BesideImage(loaderImage, "--image");

        if (inLoader.Contains(EntryAssembly))
        {
            throw new InvalidInputException(
                $"--image {loaderImage} sits beside {EntryAssembly}: it is the app's image. With --app-set, deploy the loader's image (device/NordicIoT.Device.Loader/bin/Release/NordicIoT.Device.Loader.bin).");
        }

        if (!NordicIoT.Cloud.Firmware.SemanticVersion.TryParse(version, out var parsed, out var problem) || version.Length > 32)
        {
            throw new InvalidInputException($"--app-version '{version}' is not a semantic version of at most 32 characters (e.g. 1.0.0): {problem}.");
        }

        var files = assemblies.Where(f => !inLoader.Contains(Path.GetFileName(f))).ToList();
        if (files.Count > AppSetRecord.MaxFiles)
        {
            throw new InvalidInputException($"--app-set {folder} has {files.Count} assemblies besides the loader's; a set holds at most {AppSetRecord.MaxFiles}.");
        }

        return new FirstAppSet(parsed.Text, LoadOrder.Sort(files));
    }

    /// <summary>Whole blocks a file of <paramref name="bytes"/> takes on I:\.</summary>
    public static long Blocks(long bytes) => (bytes + BlockBytes - 1) / BlockBytes * BlockBytes;

    /// <summary>
    /// Writes the set record into <paramref name="stagingFolder"/> and returns the nanoff file-deployment entries that make
    /// the set slot a's: the boot markers and the other slot's record deleted (the loader starts slot a, with no trial or
    /// rollback pending), slot a's record deleted, the files, then the record last.
    /// </summary>
    public IReadOnlyList<DeploymentFile> Deploy(string stagingFolder)
    {
        var names = Files.Select(Path.GetFileName).OfType<string>().ToArray();
        var sizes = Files.Select(f => new FileInfo(f).Length).ToArray();
        var storage = new FolderStorage(stagingFolder);
        string record = AppSetNames.Record(AppSetNames.SlotA);
        new AppSetRecord(Version, names, sizes).Write(storage, AppSetNames.SlotA);

        string[] stale =
        [
            AppSetNames.Current, AppSetNames.Next, AppSetNames.Trial, AppSetNames.Failed, OtaAgent.OfferFile, OtaStatusStore.FileName,
            AppSetNames.Record(AppSetNames.SlotB), record,
        ];
        var entries = stale.Select(name => new DeploymentFile(Drive + name, null)).ToList();
        for (int i = 0; i < Files.Count; i++)
        {
            entries.Add(new DeploymentFile(Drive + AppSetNames.File(AppSetNames.SlotA, i), Files[i]));
        }

        entries.Add(new DeploymentFile(Drive + record, Path.Combine(storage.Folder, record)));
        return entries;
    }
}

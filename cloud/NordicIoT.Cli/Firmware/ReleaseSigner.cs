using System.Security.Cryptography;
using NordicIoT.Cli.Errors;
using NordicIoT.Cloud.Firmware;
using NordicIoT.Provisioning;
using NordicIoT.Schemas.Cbor;
using NordicIoT.Schemas.Messages;

namespace NordicIoT.Cli.Firmware;

/// <summary>Builds a release from a build output: the manifest (version, targets, each file's size and SHA-256, files in load order) as CBOR, signed with ECDSA P-256 / SHA-256 (r || s), written beside copies of the files.</summary>
public static class ReleaseSigner
{
    /// <summary>Makes the release folder; throws <see cref="InvalidInputException"/> for bad input.</summary>
    public static ReleaseFolder Sign(SignRequest request)
    {
        if (!SemanticVersion.TryParse(request.Version, out var version, out var problem) || request.Version.Length > 32)
        {
            throw new InvalidInputException($"--version '{request.Version}' is not a semantic version of at most 32 characters (e.g. 1.5.0 or 1.5.0-rc.1): {problem}.");
        }

        if (request.Targets.Count is 0 or > FirmwareManifestCodec.MaxTargets || request.Targets.Any(t => t.Length is 0 or > 32))
        {
            throw new InvalidInputException($"Give 1..{FirmwareManifestCodec.MaxTargets} --target board targets of 1..32 characters (the boards' nanoff targets, e.g. ESP32_PSRAM_REV0).");
        }

        var files = Expand(request.Files, request.LoaderImage);
        var entries = files.Select(path => new FirmwareFile(Path.GetFileName(path), new FileInfo(path).Length, Hash(path))).ToArray();
        var manifest = new FirmwareManifest(version.Text, [.. request.Targets.Distinct(StringComparer.Ordinal)], entries, request.AllowDowngrade);
        var buffer = new byte[FirmwareOfferCodec.MaxManifestBytes];
        byte[] bytes;
        try
        {
            bytes = buffer[..FirmwareManifestCodec.Encode(manifest, new CborWriter(buffer))];
        }
        catch (WireFormatException e)
        {
            throw new InvalidInputException($"The manifest would be larger than the {FirmwareOfferCodec.MaxManifestBytes} bytes an offer carries: {e.Message}", e);
        }

        byte[] signature;
        try
        {
            using var key = ReleaseSigningKey.Load(request.KeyPath);
            signature = key.SignData(bytes, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidInputException(e.Message, e);
        }

        var output = Directory.CreateDirectory(request.OutputFolder).FullName;
        foreach (var path in files)
        {
            var target = Path.Combine(output, Path.GetFileName(path));
            if (!string.Equals(Path.GetFullPath(path), target, StringComparison.Ordinal))
            {
                File.Copy(path, target, overwrite: true);
            }
        }

        File.WriteAllBytes(Path.Combine(output, ReleaseFolder.ManifestFileName), bytes);
        File.WriteAllBytes(Path.Combine(output, ReleaseFolder.SignatureFileName), signature);
        return ReleaseFolder.Open(output);
    }

    private static List<string> Expand(IReadOnlyList<string> inputs, string? loaderImage)
    {
        if (loaderImage is not null && !File.Exists(loaderImage))
        {
            throw new InvalidInputException($"--loader-image {loaderImage} does not exist: build device/NordicIoT.Device.Loader and pass its .bin.");
        }

        var inLoader = loaderImage is null ? [] : LoadOrder.BesideImage(loaderImage, "--loader-image");
        var files = new List<string>();
        foreach (var input in inputs)
        {
            if (Directory.Exists(input))
            {
                // A build output also holds .dll, .pdbx and .bin files; the loader loads every file of a set as an assembly.
                files.AddRange(LoadOrder.AssembliesIn(input).Where(f => !inLoader.Contains(Path.GetFileName(f))));
            }
            else if (File.Exists(input))
            {
                files.Add(input);
            }
            else
            {
                throw new InvalidInputException($"--files {input}: no such file or folder.");
            }
        }

        var names = files.Select(Path.GetFileName).ToList();
        if (files.Count is 0 or > FirmwareManifestCodec.MaxFiles)
        {
            throw new InvalidInputException($"A release has 1..{FirmwareManifestCodec.MaxFiles} files; --files gave {files.Count}.");
        }

        if (names.FirstOrDefault(n => !FirmwareFileNames.IsValid(n)) is { } bad)
        {
            throw new InvalidInputException($"File name '{bad}' cannot be part of a download URL: use 1..{FirmwareFileNames.MaxLength} of A-Z, a-z, 0-9, '.', '_', '-', starting with a letter or digit.");
        }

        if (names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new InvalidInputException($"Two files are called '{twice.Key}'; a release's file names must differ.");
        }

        return LoadOrder.Sort(files);
    }

    private static byte[] Hash(string path)
    {
        using var stream = File.OpenRead(path);
        return SHA256.HashData(stream);
    }
}

using System.CommandLine;
using System.Security.Cryptography;
using NordicIoT.Cli.Firmware;
using NordicIoT.Cli.Output;
using NordicIoT.Cli.Provisioning;
using NordicIoT.Provisioning;

namespace NordicIoT.Cli.Commands;

/// <summary>nordiciot firmware sign: the manifest and its signature for a build output, in a release folder.</summary>
internal sealed class FirmwareSignCommand : Command
{
    private readonly Interaction _ui;
    private readonly Option<string> _version = new("--version") { Description = "Application version (semantic version, e.g. 1.5.0)", Required = true };
    private readonly Option<string[]> _targets = new("--target") { Description = "A board target the release runs on (nanoff target, e.g. ESP32_PSRAM_REV0); repeat for more", Required = true };
    private readonly Option<string[]> _files = new("--files") { Description = "Application files (.pe) or build output folders (their .pe files); repeat for more. Listed in load order: dependencies first", Required = true };
    private readonly Option<string> _out = new("--out") { Description = "Folder to write manifest.cbor, manifest.sig and the files to", Required = true };
    private readonly Option<string> _dir = CommonOptions.ProjectDirectory();
    private readonly Option<string?> _signingKey = new("--signing-key") { Description = "The release signing key (default: DIR/pki/release-signing.key)" };
    private readonly Option<string?> _loaderImage = new("--loader-image") { Description = "The OTA loader's image (.bin): the assemblies beside it are in the image, so a folder's copies of them stay out of the release" };
    private readonly Option<bool> _allowDowngrade = new("--allow-downgrade") { Description = "Let the release replace a newer version on devices" };

    public FirmwareSignCommand(Interaction ui)
        : base("sign", "Build a release's manifest (version, targets, file sizes and SHA-256) and sign it with the project's release key")
    {
        _ui = ui;
        Options.Add(_version);
        Options.Add(_targets);
        Options.Add(_files);
        Options.Add(_out);
        Options.Add(_dir);
        Options.Add(_signingKey);
        Options.Add(_loaderImage);
        Options.Add(_allowDowngrade);
        SetAction(Run);
    }

    private int Run(ParseResult parse)
    {
        var layout = new ProjectLayout(parse.GetRequiredValue(_dir));
        var release = ReleaseSigner.Sign(new SignRequest
        {
            Version = parse.GetRequiredValue(_version),
            Targets = parse.GetRequiredValue(_targets),
            Files = parse.GetRequiredValue(_files),
            OutputFolder = parse.GetRequiredValue(_out),
            KeyPath = parse.GetValue(_signingKey) ?? new ReleaseSigningKey(layout.PkiFolder).KeyPath,
            LoaderImage = parse.GetValue(_loaderImage),
            AllowDowngrade = parse.GetValue(_allowDowngrade),
        });

        _ui.Data($"version: {release.Manifest.Version}");
        _ui.Data($"targets: {string.Join(' ', release.Manifest.Targets)}");
        foreach (var file in release.Manifest.Files)
        {
            _ui.Data($"file: {file.Name} {file.Size} {Convert.ToHexStringLower(file.Sha256)}");
        }

        _ui.Data($"manifest-sha256: {Convert.ToHexStringLower(SHA256.HashData(release.ManifestBytes))}");
        _ui.Success($"Signed release in {release.Path}.");
        _ui.Hint($"Upload it: nordiciot firmware upload --url URL --key API_KEY {release.Path}");
        return ExitCodes.Ok;
    }
}

namespace NordicIoT.Cli.Firmware;

/// <summary>What `nordiciot firmware sign` should make: a release of these files for these boards, signed with the project's release key, in an output folder.</summary>
public sealed record SignRequest
{
    /// <summary>Application version (semantic version).</summary>
    public required string Version { get; init; }

    /// <summary>Board targets (nanoff target names).</summary>
    public required IReadOnlyList<string> Targets { get; init; }

    /// <summary>Files, or folders whose .pe files (not sub-folders) all go in; the release lists them in load order (<see cref="LoadOrder"/>).</summary>
    public required IReadOnlyList<string> Files { get; init; }

    /// <summary>The folder to write manifest.cbor, manifest.sig and the files to.</summary>
    public required string OutputFolder { get; init; }

    /// <summary>The release signing key (release-signing.key from `nordiciot provision`).</summary>
    public required string KeyPath { get; init; }

    /// <summary>The OTA loader's deployment image; the assemblies beside it (those the image holds) are left out of folders. Null leaves nothing out.</summary>
    public string? LoaderImage { get; init; }

    /// <summary>The release may replace a newer version.</summary>
    public bool AllowDowngrade { get; init; }
}

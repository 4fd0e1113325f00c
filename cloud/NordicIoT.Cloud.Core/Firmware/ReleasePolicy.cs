namespace NordicIoT.Cloud.Firmware;

/// <summary>What an upload is checked against: the release public key, the board targets the fleet has, and the largest file accepted.</summary>
/// <param name="PublicKey">Verifies manifest signatures.</param>
/// <param name="KnownTargets">Board targets (nanoff target names) a manifest may list.</param>
/// <param name="MaxFileBytes">Largest file accepted, bytes.</param>
public sealed record ReleasePolicy(ReleasePublicKey PublicKey, IReadOnlySet<string> KnownTargets, long MaxFileBytes);

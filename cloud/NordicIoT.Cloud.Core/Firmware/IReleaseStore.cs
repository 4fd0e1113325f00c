namespace NordicIoT.Cloud.Firmware;

/// <summary>Stores release metadata (the files themselves are in an <see cref="IFirmwareFileStore"/>). A version is held by at most one release.</summary>
public interface IReleaseStore
{
    /// <summary>Stores a new release; false when a release with the same version (by precedence, see <see cref="SemanticVersion.PrecedenceKey"/>) or id exists.</summary>
    Task<bool> TryAddAsync(Release release, CancellationToken cancellationToken);

    /// <summary>The release, or null.</summary>
    Task<Release?> GetAsync(string releaseId, CancellationToken cancellationToken);

    /// <summary>The release holding <paramref name="version"/> (compared by precedence), or null.</summary>
    Task<Release?> FindByVersionAsync(string version, CancellationToken cancellationToken);

    /// <summary>Every release, newest first.</summary>
    Task<IReadOnlyList<Release>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Changes the status if it is still <paramref name="expected"/>; false otherwise (or when there is no such release).</summary>
    Task<bool> TrySetStatusAsync(string releaseId, ReleaseStatus expected, ReleaseStatus status, CancellationToken cancellationToken);

    /// <summary>Removes the release and frees its version; false when there was none.</summary>
    Task<bool> DeleteAsync(string releaseId, CancellationToken cancellationToken);
}

namespace NordicIoT.Cloud.Access;

/// <summary>Stores API keys by hash.</summary>
public interface IApiKeyStore
{
    Task AddAsync(ApiKeyRecord key, CancellationToken cancellationToken);

    Task<ApiKeyRecord?> FindByHashAsync(string hash, CancellationToken cancellationToken);

    Task<IReadOnlyList<ApiKeyRecord>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Deletes the key; false when there was none with that id.</summary>
    Task<bool> RevokeAsync(string id, CancellationToken cancellationToken);
}

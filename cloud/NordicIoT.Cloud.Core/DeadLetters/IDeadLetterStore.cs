namespace NordicIoT.Cloud.DeadLetters;

/// <summary>Stores refused messages.</summary>
public interface IDeadLetterStore
{
    Task AddAsync(DeadLetter deadLetter, CancellationToken cancellationToken);

    /// <summary>Newest first; only one device's when <paramref name="deviceId"/> is given; at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<DeadLetter>> ListAsync(string? deviceId, int limit, CancellationToken cancellationToken);

    /// <summary>How many dead letters are stored (for one device, or all).</summary>
    Task<long> CountAsync(string? deviceId, CancellationToken cancellationToken);
}

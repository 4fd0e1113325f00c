using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using NordicIoT.Cloud.Firmware;
using NordicIoT.Cloud.Storage;
using NordicIoT.Cloud.Storage.Ota;
using static NordicIoT.Cloud.DynamoDb.AttributeValues;

namespace NordicIoT.Cloud.DynamoDb;

/// <summary>Release items keyed by id, and a claim item per version (release-versions) written first with a condition, so two uploads of one version cannot both succeed without transactions.</summary>
/// <remarks>A claim whose release item never appeared (the process stopped between the two puts) is taken over once it is a minute old.</remarks>
internal sealed class DynamoDbReleaseStore(IAmazonDynamoDB client, OtaTables tables, DynamoDbRetry retry, TimeProvider time) : IReleaseStore
{
    private static readonly TimeSpan OrphanClaimAge = TimeSpan.FromMinutes(1);

    public async Task<bool> TryAddAsync(Release release, CancellationToken cancellationToken)
    {
        OtaArguments.CheckRelease(release);
        string key = OtaArguments.VersionKey(release.Version);
        if (!await TryClaimAsync(key, release.Id, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        var put = new PutItemRequest
        {
            TableName = tables.Releases,
            Item = new()
            {
                [ReleaseAttributes.Id] = S(release.Id),
                [ReleaseAttributes.Version] = S(release.Version),
                [ReleaseAttributes.VersionKey] = S(key),
                [ReleaseAttributes.Status] = N((int)release.Status),
                [ReleaseAttributes.Created] = N(StoredTime.ToTicks(release.CreatedAt)),
                [ReleaseAttributes.Document] = S(OtaDocuments.Serialize(release)),
                [ReleaseAttributes.Manifest] = B(release.Manifest),
                [ReleaseAttributes.Signature] = B(release.Signature),
            },
            ConditionExpression = "attribute_not_exists(#id)",
            ExpressionAttributeNames = new() { ["#id"] = ReleaseAttributes.Id },
        };
        try
        {
            await retry.RunAsync(ct => client.PutItemAsync(put, ct), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            await ReleaseClaimAsync(key, release.Id).ConfigureAwait(false);
            return false;
        }
        catch
        {
            await ReleaseClaimAsync(key, release.Id).ConfigureAwait(false);
            throw;
        }
    }

    public async Task<Release?> GetAsync(string releaseId, CancellationToken cancellationToken)
    {
        if (!FirmwareFileNames.IsValidId(releaseId))
        {
            return null;
        }

        var request = new GetItemRequest { TableName = tables.Releases, Key = new() { [ReleaseAttributes.Id] = S(releaseId) }, ConsistentRead = true };
        GetItemResponse response = await retry.RunAsync(ct => client.GetItemAsync(request, ct), cancellationToken).ConfigureAwait(false);
        return response.Item is { Count: > 0 } item ? ReadRelease(item) : null;
    }

    public async Task<Release?> FindByVersionAsync(string version, CancellationToken cancellationToken)
    {
        var claim = await GetClaimAsync(OtaArguments.VersionKey(version), cancellationToken).ConfigureAwait(false);
        return claim is null ? null : await GetAsync(GetString(claim, ReleaseAttributes.Id), cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<Release>> ListAsync(CancellationToken cancellationToken)
    {
        var releases = new List<Release>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var request = new ScanRequest { TableName = tables.Releases, ConsistentRead = true, ExclusiveStartKey = start };
            ScanResponse response = await retry.RunAsync(ct => client.ScanAsync(request, ct), cancellationToken).ConfigureAwait(false);
            releases.AddRange((response.Items ?? []).Select(ReadRelease));
            start = response.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (start is not null);
        return [.. releases.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id, StringComparer.Ordinal)];
    }

    public async Task<bool> TrySetStatusAsync(string releaseId, ReleaseStatus expected, ReleaseStatus status, CancellationToken cancellationToken)
    {
        if (!FirmwareFileNames.IsValidId(releaseId))
        {
            return false;
        }

        var request = new UpdateItemRequest
        {
            TableName = tables.Releases,
            Key = new() { [ReleaseAttributes.Id] = S(releaseId) },
            UpdateExpression = "SET #status = :status",
            ConditionExpression = "#status = :expected",
            ExpressionAttributeNames = new() { ["#status"] = ReleaseAttributes.Status },
            ExpressionAttributeValues = new() { [":status"] = N((int)status), [":expected"] = N((int)expected) },
        };
        return await retry.ConditionHoldsAsync(ct => client.UpdateItemAsync(request, ct), cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> DeleteAsync(string releaseId, CancellationToken cancellationToken)
    {
        if (!FirmwareFileNames.IsValidId(releaseId))
        {
            return false;
        }

        var request = new DeleteItemRequest
        {
            TableName = tables.Releases,
            Key = new() { [ReleaseAttributes.Id] = S(releaseId) },
            ReturnValues = ReturnValue.ALL_OLD,
        };
        DeleteItemResponse response = await retry.RunAsync(ct => client.DeleteItemAsync(request, ct), cancellationToken).ConfigureAwait(false);
        if (response.Attributes is not { Count: > 0 } old)
        {
            return false;
        }

        await ReleaseClaimAsync(GetString(old, ReleaseAttributes.VersionKey), releaseId).ConfigureAwait(false);
        return true;
    }

    private async Task<bool> TryClaimAsync(string versionKey, string releaseId, CancellationToken cancellationToken)
    {
        var now = StoredTime.ToTicks(time.GetUtcNow());
        var put = new PutItemRequest
        {
            TableName = tables.ReleaseVersions,
            Item = new()
            {
                [ReleaseAttributes.VersionKey] = S(versionKey),
                [ReleaseAttributes.Id] = S(releaseId),
                [ReleaseAttributes.Created] = N(now),
            },
            ConditionExpression = "attribute_not_exists(#key)",
            ExpressionAttributeNames = new() { ["#key"] = ReleaseAttributes.VersionKey },
        };
        if (await retry.ConditionHoldsAsync(ct => client.PutItemAsync(put, ct), cancellationToken).ConfigureAwait(false))
        {
            return true;
        }

        var claim = await GetClaimAsync(versionKey, cancellationToken).ConfigureAwait(false);
        if (claim is null)
        {
            return false;
        }

        string holder = GetString(claim, ReleaseAttributes.Id);
        bool orphan = now - GetLong(claim, ReleaseAttributes.Created) > OrphanClaimAge.Ticks
            && await GetAsync(holder, cancellationToken).ConfigureAwait(false) is null;
        if (!orphan)
        {
            return false;
        }

        put.ConditionExpression = "#holder = :holder";
        put.ExpressionAttributeNames = new() { ["#holder"] = ReleaseAttributes.Id };
        put.ExpressionAttributeValues = new() { [":holder"] = S(holder) };
        return await retry.ConditionHoldsAsync(ct => client.PutItemAsync(put, ct), cancellationToken).ConfigureAwait(false);
    }

    private async Task<Dictionary<string, AttributeValue>?> GetClaimAsync(string versionKey, CancellationToken cancellationToken)
    {
        var request = new GetItemRequest { TableName = tables.ReleaseVersions, Key = new() { [ReleaseAttributes.VersionKey] = S(versionKey) }, ConsistentRead = true };
        GetItemResponse response = await retry.RunAsync(ct => client.GetItemAsync(request, ct), cancellationToken).ConfigureAwait(false);
        return response.Item is { Count: > 0 } item ? item : null;
    }

    // Frees the version only if this release still holds it; runs even when the caller's request was cancelled.
    private async Task ReleaseClaimAsync(string versionKey, string releaseId)
    {
        var request = new DeleteItemRequest
        {
            TableName = tables.ReleaseVersions,
            Key = new() { [ReleaseAttributes.VersionKey] = S(versionKey) },
            ConditionExpression = "#holder = :holder",
            ExpressionAttributeNames = new() { ["#holder"] = ReleaseAttributes.Id },
            ExpressionAttributeValues = new() { [":holder"] = S(releaseId) },
        };
        try
        {
            await retry.RunAsync(ct => client.DeleteItemAsync(request, ct), CancellationToken.None).ConfigureAwait(false);
        }
        catch (ConditionalCheckFailedException)
        {
            // Held by another release (or gone): not ours to free.
        }
    }

    private static Release ReadRelease(Dictionary<string, AttributeValue> item) => OtaDocuments.Release(
        id: GetString(item, ReleaseAttributes.Id),
        version: GetString(item, ReleaseAttributes.Version),
        status: (ReleaseStatus)GetLong(item, ReleaseAttributes.Status),
        createdTicks: GetLong(item, ReleaseAttributes.Created),
        json: GetString(item, ReleaseAttributes.Document),
        manifest: GetBytes(item, ReleaseAttributes.Manifest),
        signature: GetBytes(item, ReleaseAttributes.Signature));
}

using System.Security.Cryptography;
using System.Text;
using NordicIoT.Cloud.Access;

namespace NordicIoT.Cloud.Storage.Tests;

/// <summary>API keys: add, find by hash, list, revoke.</summary>
public abstract partial class CloudStorageContract
{
    [Fact]
    public async Task Api_key_is_found_by_its_hash()
    {
        ApiKeyRecord key = Key("k1", ApiRole.Operator, minutesAfterNow: 0);
        await Storage.ApiKeys.AddAsync(key, None);

        Assert.Equal(key, await Storage.ApiKeys.FindByHashAsync(key.Hash, None));
        Assert.Null(await Storage.ApiKeys.FindByHashAsync(HashOf("never issued"), None));
    }

    [Fact]
    public async Task Api_keys_list_oldest_first()
    {
        await Storage.ApiKeys.AddAsync(Key("k2", ApiRole.Viewer, minutesAfterNow: 2), None);
        await Storage.ApiKeys.AddAsync(Key("k1", ApiRole.Admin, minutesAfterNow: 1), None);
        await Storage.ApiKeys.AddAsync(Key("k3", ApiRole.Operator, minutesAfterNow: 3), None);

        IReadOnlyList<ApiKeyRecord> keys = await Storage.ApiKeys.ListAsync(None);

        Assert.Equal(["k1", "k2", "k3"], keys.Select(k => k.Id));
        Assert.Equal([ApiRole.Admin, ApiRole.Viewer, ApiRole.Operator], keys.Select(k => k.Role));
    }

    [Fact]
    public async Task Revoked_key_is_gone_and_revoking_again_says_so()
    {
        ApiKeyRecord key = Key("k1", ApiRole.Admin, minutesAfterNow: 0);
        await Storage.ApiKeys.AddAsync(key, None);
        await Storage.ApiKeys.AddAsync(Key("k2", ApiRole.Viewer, minutesAfterNow: 1), None);

        Assert.True(await Storage.ApiKeys.RevokeAsync("k1", None));

        Assert.Null(await Storage.ApiKeys.FindByHashAsync(key.Hash, None));
        Assert.Equal(["k2"], (await Storage.ApiKeys.ListAsync(None)).Select(k => k.Id));
        Assert.False(await Storage.ApiKeys.RevokeAsync("k1", None));
    }

    [Fact]
    public async Task Adding_a_taken_id_or_hash_is_refused()
    {
        ApiKeyRecord key = Key("k1", ApiRole.Admin, minutesAfterNow: 0);
        await Storage.ApiKeys.AddAsync(key, None);

        await Assert.ThrowsAsync<InvalidOperationException>(() => Storage.ApiKeys.AddAsync(key with { Hash = HashOf("other") }, None));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Storage.ApiKeys.AddAsync(key with { Id = "k2" }, None));
        Assert.Single(await Storage.ApiKeys.ListAsync(None));
    }

    [Fact]
    public async Task Malformed_hashes_are_refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Storage.ApiKeys.FindByHashAsync("ABC", None));
        await Assert.ThrowsAsync<ArgumentException>(() => Storage.ApiKeys.FindByHashAsync(HashOf("x").ToUpperInvariant(), None));
        await Assert.ThrowsAsync<ArgumentException>(() => Storage.ApiKeys.AddAsync(Key("k1", ApiRole.Admin, 0) with { Hash = "not-a-hash" }, None));
    }

    private static ApiKeyRecord Key(string id, ApiRole role, int minutesAfterNow) =>
        new(id, $"key {id}", role, HashOf($"secret of {id}"), Now.AddMinutes(minutesAfterNow));

    private static string HashOf(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}

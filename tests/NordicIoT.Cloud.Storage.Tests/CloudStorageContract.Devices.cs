using System.Text.Json.Nodes;
using NordicIoT.Cloud.Devices;
using NordicIoT.Schemas.Messages;

namespace NordicIoT.Cloud.Storage.Tests;

/// <summary>Device twins: create, read, compare-and-swap, list and count.</summary>
public abstract partial class CloudStorageContract
{
    [Fact]
    public async Task Unknown_device_has_no_twin()
    {
        Assert.Null(await Storage.Devices.GetAsync("nobody", None));
    }

    [Fact]
    public async Task Created_twin_comes_back_whole_at_version_1()
    {
        DeviceTwin twin = Twin("dev-1", group: "north", lastSeen: Now.AddSeconds(-30));
        twin.Reported[ReportedFieldNames.FirmwareVersion] = new ReportedValue(JsonValue.Create("1.4.2"), Now.AddMinutes(-5));
        twin.Reported[ReportedFieldNames.FreeHeap] = new ReportedValue(JsonValue.Create(51234), Now.AddMinutes(-4));
        twin.Reported[ReportedFieldNames.ConfigRejection] = new ReportedValue(new JsonObject { ["version"] = 3, ["reason"] = "interval too short" }, Now.AddMinutes(-3));
        twin.Reported[ReportedFieldNames.Ota] = new ReportedValue(null, Now.AddMinutes(-2));
        twin.Latest[SensorKind.Temperature] = new LatestReading(Now.AddMinutes(-1), [-1250]);
        twin.Latest[SensorKind.Gps] = new LatestReading(Now.AddMinutes(-1), [59329323, 18068581, 35, 280, 150, 1800]);
        twin.Desired = new DesiredConfig(7, new JsonObject { ["uplinkInterval"] = 900, ["sampleIntervals"] = new JsonObject { ["temperature"] = 60 } }, Now.AddHours(-1));

        Assert.True(await Storage.Devices.TryCreateAsync(twin, None));
        Assert.Equal(1, twin.Version);
        DeviceTwin? stored = await Storage.Devices.GetAsync("dev-1", None);

        Assert.NotNull(stored);
        Assert.Equal("dev-1", stored.DeviceId);
        Assert.Equal(1, stored.Version);
        Assert.Equal(twin.CreatedAt, stored.CreatedAt);
        Assert.Equal("north", stored.Group);
        Assert.Equal(Now.AddSeconds(-30), stored.LastSeen);
        Assert.Equal(twin.Reported.Keys.Order(), stored.Reported.Keys.Order());
        foreach ((string name, ReportedValue value) in twin.Reported)
        {
            Assert.Equal(value.ReportedAt, stored.Reported[name].ReportedAt);
            Assert.True(JsonNode.DeepEquals(value.Value, stored.Reported[name].Value), $"reported {name} differs: {stored.Reported[name].Value?.ToJsonString()}");
        }

        Assert.Equal([SensorKind.Temperature, SensorKind.Gps], stored.Latest.Keys.Order().ToArray());
        Assert.Equal([-1250], stored.Latest[SensorKind.Temperature].Values);
        Assert.Equal([59329323, 18068581, 35, 280, 150, 1800], stored.Latest[SensorKind.Gps].Values);
        Assert.Equal(Now.AddMinutes(-1), stored.Latest[SensorKind.Gps].Time);
        Assert.NotNull(stored.Desired);
        Assert.Equal(7, stored.Desired.Version);
        Assert.Equal(Now.AddHours(-1), stored.Desired.UpdatedAt);
        Assert.True(JsonNode.DeepEquals(twin.Desired.Config, stored.Desired.Config));
    }

    [Fact]
    public async Task Never_seen_device_without_group_or_desired_config_comes_back_so()
    {
        await Storage.Devices.TryCreateAsync(Twin("dev-1"), None);

        DeviceTwin stored = (await Storage.Devices.GetAsync("dev-1", None))!;

        Assert.Null(stored.Group);
        Assert.Null(stored.LastSeen);
        Assert.Null(stored.Desired);
        Assert.Empty(stored.Reported);
        Assert.Empty(stored.Latest);
    }

    [Fact]
    public async Task Creating_an_existing_device_fails_and_keeps_the_first()
    {
        await Storage.Devices.TryCreateAsync(Twin("dev-1", group: "first"), None);

        Assert.False(await Storage.Devices.TryCreateAsync(Twin("dev-1", group: "second"), None));

        Assert.Equal("first", (await Storage.Devices.GetAsync("dev-1", None))!.Group);
    }

    [Fact]
    public async Task Replace_with_the_current_version_stores_and_increments_it()
    {
        await Storage.Devices.TryCreateAsync(Twin("dev-1"), None);
        DeviceTwin twin = (await Storage.Devices.GetAsync("dev-1", None))!;
        twin.LastSeen = Now;
        twin.Group = "south";

        Assert.True(await Storage.Devices.TryReplaceAsync(twin, 1, None));

        Assert.Equal(2, twin.Version);
        DeviceTwin stored = (await Storage.Devices.GetAsync("dev-1", None))!;
        Assert.Equal(2, stored.Version);
        Assert.Equal(Now, stored.LastSeen);
        Assert.Equal("south", stored.Group);
    }

    [Fact]
    public async Task Replace_with_a_stale_version_conflicts_and_changes_nothing()
    {
        await Storage.Devices.TryCreateAsync(Twin("dev-1"), None);
        DeviceTwin first = (await Storage.Devices.GetAsync("dev-1", None))!;
        DeviceTwin second = (await Storage.Devices.GetAsync("dev-1", None))!;
        first.Group = "winner";
        second.Group = "loser";
        Assert.True(await Storage.Devices.TryReplaceAsync(first, 1, None));

        Assert.False(await Storage.Devices.TryReplaceAsync(second, 1, None));

        Assert.Equal(1, second.Version);
        DeviceTwin stored = (await Storage.Devices.GetAsync("dev-1", None))!;
        Assert.Equal("winner", stored.Group);
        Assert.Equal(2, stored.Version);
    }

    [Fact]
    public async Task Replace_of_an_unregistered_device_fails_without_creating_it()
    {
        Assert.False(await Storage.Devices.TryReplaceAsync(Twin("ghost"), 1, None));

        Assert.Null(await Storage.Devices.GetAsync("ghost", None));
    }

    [Fact]
    public async Task Concurrent_read_modify_write_loops_lose_no_update()
    {
        await Storage.Devices.TryCreateAsync(Twin("dev-1"), None);
        const int Writers = 4;
        const int UpdatesEach = 5;

        await Task.WhenAll(Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
        {
            for (int update = 0; update < UpdatesEach; update++)
            {
                while (true)
                {
                    DeviceTwin twin = (await Storage.Devices.GetAsync("dev-1", None))!;
                    twin.Reported[$"w{writer}-{update}"] = new ReportedValue(JsonValue.Create(update), Now);
                    if (await Storage.Devices.TryReplaceAsync(twin, twin.Version, None))
                    {
                        break;
                    }
                }
            }
        })));

        DeviceTwin stored = (await Storage.Devices.GetAsync("dev-1", None))!;
        Assert.Equal(1 + (Writers * UpdatesEach), stored.Version);
        Assert.Equal(Writers * UpdatesEach, stored.Reported.Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("slash/y")]
    public async Task Invalid_device_ids_are_refused(string deviceId)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Storage.Devices.GetAsync(deviceId, None));
        await Assert.ThrowsAsync<ArgumentException>(() => Storage.Devices.TryCreateAsync(Twin(deviceId), None));
    }

    [Fact]
    public async Task Count_counts_registered_devices()
    {
        Assert.Equal(0, await Storage.Devices.CountAsync(None));
        await CreateFleetAsync(("a", null, null), ("b", null, null), ("c", null, null));

        Assert.Equal(3, await Storage.Devices.CountAsync(None));
    }

    [Fact]
    public async Task List_by_id_pages_through_the_whole_fleet_in_id_order()
    {
        string[] created = [.. Enumerable.Range(0, 11).Select(i => $"dev-{i:D2}").Reverse()];
        await CreateFleetAsync([.. created.Select(id => (id, (string?)null, (int?)null))]);

        (List<string> listed, int pageCount) = await ListAllAsync(new DeviceQuery(null, null, DeviceSort.Id, 4, null));

        Assert.Equal(created.Order(StringComparer.Ordinal), listed);
        Assert.Equal(3, pageCount);
    }

    [Fact]
    public async Task List_page_that_ends_the_fleet_exactly_has_no_token()
    {
        await CreateFleetAsync(("a", null, null), ("b", null, null));

        DevicePage page = await Storage.Devices.ListAsync(new DeviceQuery(null, null, DeviceSort.Id, 2, null), None);

        Assert.Equal(2, page.Devices.Count);
        Assert.Null(page.ContinuationToken);
    }

    [Fact]
    public async Task Search_matches_id_substrings_ignoring_case()
    {
        await CreateFleetAsync(("Barn-North-1", null, null), ("barn-south-2", null, null), ("silo-3", null, null), ("NORTHFIELD", null, null));

        (List<string> found, _) = await ListAllAsync(new DeviceQuery("NoRtH", null, DeviceSort.Id, 10, null));

        Assert.Equal(["Barn-North-1", "NORTHFIELD"], found);
    }

    [Fact]
    public async Task Group_filter_keeps_only_that_group()
    {
        await CreateFleetAsync(("a", "north", null), ("b", "south", null), ("c", "north", null), ("d", null, null));

        (List<string> found, int pageCount) = await ListAllAsync(new DeviceQuery(null, "north", DeviceSort.Id, 1, null));

        Assert.Equal(["a", "c"], found);
        Assert.Equal(2, pageCount);
    }

    [Fact]
    public async Task Newest_first_puts_never_seen_devices_last_and_ties_by_id()
    {
        await CreateFleetAsync(("old", null, 300), ("never-b", null, null), ("new", null, 10), ("tie-b", null, 60), ("tie-a", null, 60), ("never-a", null, null));

        (List<string> found, int pageCount) = await ListAllAsync(new DeviceQuery(null, null, DeviceSort.LastSeenNewest, 2, null));

        Assert.Equal(["new", "tie-a", "tie-b", "old", "never-a", "never-b"], found);
        Assert.Equal(3, pageCount);
    }

    [Fact]
    public async Task Oldest_first_puts_never_seen_devices_first_and_ties_by_id()
    {
        await CreateFleetAsync(("old", null, 300), ("never-b", null, null), ("new", null, 10), ("tie-b", null, 60), ("tie-a", null, 60), ("never-a", null, null));

        (List<string> found, int pageCount) = await ListAllAsync(new DeviceQuery(null, null, DeviceSort.LastSeenOldest, 4, null));

        Assert.Equal(["never-a", "never-b", "old", "tie-a", "tie-b", "new"], found);
        Assert.Equal(2, pageCount);
    }

    [Fact]
    public async Task Search_group_and_sort_combine_across_pages()
    {
        await CreateFleetAsync(
            ("pump-1", "farm", 50), ("pump-2", "farm", 40), ("pump-3", "city", 30), ("valve-1", "farm", 20), ("pump-4", "farm", null), ("pump-5", "farm", 10));

        (List<string> found, _) = await ListAllAsync(new DeviceQuery("PUMP", "farm", DeviceSort.LastSeenNewest, 1, null));

        Assert.Equal(["pump-5", "pump-2", "pump-1", "pump-4"], found);
    }

    [Fact]
    public async Task Pages_do_not_shift_when_a_device_is_added_before_the_position()
    {
        await CreateFleetAsync(("b", null, null), ("c", null, null), ("d", null, null));
        DevicePage first = await Storage.Devices.ListAsync(new DeviceQuery(null, null, DeviceSort.Id, 2, null), None);
        await CreateFleetAsync(("a", null, null));

        DevicePage second = await Storage.Devices.ListAsync(new DeviceQuery(null, null, DeviceSort.Id, 2, first.ContinuationToken), None);

        Assert.Equal(["b", "c"], first.Devices.Select(d => d.DeviceId));
        Assert.Equal(["d"], second.Devices.Select(d => d.DeviceId));
    }

    [Fact]
    public async Task Listed_twins_are_whole_twins()
    {
        DeviceTwin twin = Twin("dev-1", group: "g", lastSeen: Now);
        twin.Latest[SensorKind.Battery] = new LatestReading(Now, [3712]);
        await Storage.Devices.TryCreateAsync(twin, None);

        DeviceTwin listed = Assert.Single((await Storage.Devices.ListAsync(new DeviceQuery(null, null, DeviceSort.Id, 10, null), None)).Devices);

        Assert.Equal(1, listed.Version);
        Assert.Equal("g", listed.Group);
        Assert.Equal(Now, listed.LastSeen);
        Assert.Equal([3712], listed.Latest[SensorKind.Battery].Values);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(501)]
    public async Task Page_size_outside_1_to_500_is_refused(int pageSize)
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Storage.Devices.ListAsync(new DeviceQuery(null, null, DeviceSort.Id, pageSize, null), None));
    }

    [Fact]
    public async Task Empty_group_filter_is_refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Storage.Devices.ListAsync(new DeviceQuery(null, "", DeviceSort.Id, 10, null), None));
    }

    [Fact]
    public async Task Tokens_from_another_sort_or_made_up_are_refused()
    {
        await CreateFleetAsync(("a", null, 1), ("b", null, 2));
        DevicePage byId = await Storage.Devices.ListAsync(new DeviceQuery(null, null, DeviceSort.Id, 1, null), None);
        Assert.NotNull(byId.ContinuationToken);

        await Assert.ThrowsAsync<ArgumentException>(() => Storage.Devices.ListAsync(new DeviceQuery(null, null, DeviceSort.LastSeenNewest, 1, byId.ContinuationToken), None));
        await Assert.ThrowsAsync<ArgumentException>(() => Storage.Devices.ListAsync(new DeviceQuery(null, null, DeviceSort.Id, 1, "not a token!"), None));
        await Assert.ThrowsAsync<ArgumentException>(() => Storage.Devices.ListAsync(new DeviceQuery(null, null, DeviceSort.Id, 1, "MDpYOmE"), None));
    }

    /// <summary>A twin registered a day before <see cref="Now"/>.</summary>
    protected static DeviceTwin Twin(string deviceId, string? group = null, DateTimeOffset? lastSeen = null) =>
        new() { DeviceId = deviceId, CreatedAt = Now.AddDays(-1), Group = group, LastSeen = lastSeen };

    // Seen: seconds before Now the device was last seen; null for never.
    private async Task CreateFleetAsync(params (string Id, string? Group, int? SeenSecondsAgo)[] devices)
    {
        foreach ((string id, string? group, int? seen) in devices)
        {
            Assert.True(await Storage.Devices.TryCreateAsync(Twin(id, group, seen is null ? null : Now.AddSeconds(-seen.Value)), None));
        }
    }

    // Follows continuation tokens to the end; every page but the last must be full.
    private async Task<(List<string> Ids, int Pages)> ListAllAsync(DeviceQuery query)
    {
        var ids = new List<string>();
        int pages = 0;
        string? token = null;
        do
        {
            DevicePage page = await Storage.Devices.ListAsync(query with { ContinuationToken = token }, None);
            pages++;
            ids.AddRange(page.Devices.Select(d => d.DeviceId));
            token = page.ContinuationToken;
            if (token is not null)
            {
                Assert.Equal(query.PageSize, page.Devices.Count);
            }
        }
        while (token is not null);
        return (ids, pages);
    }
}

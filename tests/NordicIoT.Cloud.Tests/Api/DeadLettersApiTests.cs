using System.Net;
using NordicIoT.Cloud.Access;
using NordicIoT.Cloud.Tests.Support;

namespace NordicIoT.Cloud.Tests.Api;

/// <summary>GET /api/dead-letters.</summary>
public sealed class DeadLettersApiTests : ApiTest
{
    [Fact]
    public async Task Dead_letters_are_listed_newest_first_with_reason_detail_and_payload_per_device_or_all()
    {
        await App.RegisterAsync("dev-1");
        await App.IngestAsync("d/dev-1/b", [0x83, 0x01], Now.AddMinutes(-2));
        await App.IngestAsync("d/ghost/s", [0xa0], Now.AddMinutes(-1));
        using var viewer = await App.ClientAsync(ApiRole.Viewer);

        var all = await GetJsonAsync(viewer, "/api/dead-letters");
        Assert.Equal(2, all.GetProperty("total").GetInt32());
        Assert.Equal(["unknown-device", "malformed"], all.GetProperty("deadLetters").EnumerateArray().Select(d => d.GetProperty("reason").GetString()));

        var mine = await GetJsonAsync(viewer, "/api/dead-letters?deviceId=dev-1&limit=5");
        var deadLetter = Assert.Single(mine.GetProperty("deadLetters").EnumerateArray());
        Assert.Equal(("d/dev-1/b", "8301", 2), (deadLetter.GetProperty("topic").GetString(), deadLetter.GetProperty("payloadHex").GetString(), deadLetter.GetProperty("payloadLength").GetInt32()));
        Assert.Contains("at byte", deadLetter.GetProperty("detail").GetString());
        Assert.Equal(1, mine.GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=501", "limit")]
    [InlineData("deviceId=a%2Fb", "deviceId")]
    public async Task Bad_queries_are_validation_problems(string query, string field)
    {
        using var viewer = await App.ClientAsync(ApiRole.Viewer);

        Assert.Equal([field], InvalidFields(await ProblemAsync(await viewer.GetAsync("/api/dead-letters?" + query), HttpStatusCode.BadRequest)));
    }
}

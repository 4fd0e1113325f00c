using System.Net;
using System.Text;
using NordicIoT.Cloud.Access;
using NordicIoT.Testing;

namespace NordicIoT.Cloud.Tests.Api;

/// <summary>The request body limit, on real Kestrel (the in-memory test server does not enforce server limits).</summary>
public sealed class RequestLimitTests : ApiTest
{
    public RequestLimitTests()
        : base(new Dictionary<string, string?> { ["Api:MaxRequestBodyBytes"] = "4096" })
    {
        App.UseKestrel(FreeTcpPort.Next());
    }

    [Fact]
    public async Task Body_over_the_limit_is_413_problem()
    {
        using var admin = await App.ClientAsync(ApiRole.Admin);
        var body = $$"""{"deviceId": "dev-1", "group": "{{new string('x', 5000)}}"}""";

        var response = await admin.PostAsync("/api/devices", new StringContent(body, Encoding.UTF8, "application/json"));

        await ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Body_under_the_limit_is_read()
    {
        using var admin = await App.ClientAsync(ApiRole.Admin);

        var response = await admin.PostAsync("/api/devices", new StringContent("""{"deviceId": "dev-1"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}

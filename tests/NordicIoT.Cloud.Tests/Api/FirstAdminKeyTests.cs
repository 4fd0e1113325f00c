using System.Net;
using System.Net.Http.Headers;
using NordicIoT.Cloud.Auth;

namespace NordicIoT.Cloud.Tests.Api;

/// <summary>First run: an admin key is created, saved owner-only in the data folder, and works; later starts create none.</summary>
public sealed class FirstAdminKeyTests : ApiTest
{
    [Fact]
    public async Task First_start_writes_a_working_admin_key_readable_by_the_owner_only()
    {
        using var client = App.CreateClient();
        var path = Path.Combine(App.DataDirectory, FirstAdminKey.FileName);

        var key = (await File.ReadAllTextAsync(path)).Trim();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/keys")).StatusCode);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
        var stored = Assert.Single(await App.Storage.ApiKeys.ListAsync(CancellationToken.None));
        Assert.Equal((FirstAdminKey.KeyName, Access.ApiRole.Admin), (stored.Name, stored.Role));
    }

    [Fact]
    public async Task Later_starts_create_no_further_key()
    {
        _ = App.Services;
        var first = await File.ReadAllTextAsync(Path.Combine(App.DataDirectory, FirstAdminKey.FileName));

        await using var restarted = new Support.CloudApp(new Dictionary<string, string?> { ["Storage:DataDirectory"] = App.DataDirectory });
        _ = restarted.Services;

        Assert.Single(await restarted.Storage.ApiKeys.ListAsync(CancellationToken.None));
        Assert.Equal(first, await File.ReadAllTextAsync(Path.Combine(App.DataDirectory, FirstAdminKey.FileName)));
    }
}

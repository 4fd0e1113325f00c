using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using NordicIoT.Cloud.Access;

namespace NordicIoT.Cloud.Tests.Api;

/// <summary>API keys: how they are sent, roles per endpoint group, hashes at rest, and the keys API.</summary>
public sealed class AuthTests : ApiTest
{
    [Fact]
    public async Task Request_without_a_key_is_401_problem_with_a_bearer_challenge()
    {
        using var anonymous = App.CreateClient();

        var response = await anonymous.GetAsync("/api/devices");

        var problem = await ProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Contains("X-Api-Key", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Unknown_key_is_401()
    {
        using var client = App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "nio_abcdefghijkm.not-a-key");

        var problem = await ProblemAsync(await client.GetAsync("/api/devices"), HttpStatusCode.Unauthorized);

        Assert.Contains("not known", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Key_in_the_x_api_key_header_works_too()
    {
        using var client = App.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", await App.KeyAsync(ApiRole.Viewer));

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/devices")).StatusCode);
    }

    [Theory]
    [InlineData(ApiRole.Viewer, "/api/keys", "admin")]
    [InlineData(ApiRole.Operator, "/api/keys", "admin")]
    public async Task Role_below_the_group_policy_is_403_problem(ApiRole role, string url, string needed)
    {
        using var client = await App.ClientAsync(role);

        var problem = await ProblemAsync(await client.GetAsync(url), HttpStatusCode.Forbidden);

        Assert.Equal($"This needs the {needed} role; the API key has {role.ToString().ToLowerInvariant()}.", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData(ApiRole.Viewer)]
    [InlineData(ApiRole.Operator)]
    [InlineData(ApiRole.Admin)]
    public async Task Every_role_may_read(ApiRole role)
    {
        using var client = await App.ClientAsync(role);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/dead-letters")).StatusCode);
    }

    [Fact]
    public async Task Created_key_is_shown_once_and_stored_only_as_its_sha256()
    {
        using var admin = await App.ClientAsync(ApiRole.Admin);

        var created = await JsonAsync(await PostAsync(admin, "/api/keys", new { name = "grafana", role = "viewer" }), HttpStatusCode.Created);

        var key = created.GetProperty("key").GetString()!;
        var id = created.GetProperty("id").GetString()!;
        Assert.StartsWith(id + ".", key);
        var stored = Assert.Single(await App.Storage.ApiKeys.ListAsync(CancellationToken.None), k => k.Id == id);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))), stored.Hash);
        Assert.Equal((ApiRole.Viewer, "grafana"), (stored.Role, stored.Name));
        Assert.DoesNotContain(key, await DatabaseTextAsync());
        var listed = (await GetJsonAsync(admin, "/api/keys")).EnumerateArray().Single(k => k.GetProperty("id").GetString() == id);
        Assert.Equal("""["id","name","role","createdAt"]""", $"[{string.Join(',', listed.EnumerateObject().Select(p => $"\"{p.Name}\""))}]");

        using var viewer = App.CreateClient();
        viewer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/api/devices")).StatusCode);
    }

    [Fact]
    public async Task Key_request_is_validated()
    {
        using var admin = await App.ClientAsync(ApiRole.Admin);

        var problem = await ProblemAsync(await PostAsync(admin, "/api/keys", new { name = "", role = "superuser" }), HttpStatusCode.BadRequest);

        Assert.Equal(["name", "role"], InvalidFields(problem));
    }

    [Fact]
    public async Task Revoked_key_stops_working_at_once()
    {
        using var admin = await App.ClientAsync(ApiRole.Admin);
        var created = await JsonAsync(await PostAsync(admin, "/api/keys", new { name = "ci", role = "operator" }), HttpStatusCode.Created);
        using var revoked = App.CreateClient();
        revoked.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", created.GetProperty("key").GetString());
        Assert.Equal(HttpStatusCode.OK, (await revoked.GetAsync("/api/devices")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/keys/{created.GetProperty("id").GetString()}")).StatusCode);

        await ProblemAsync(await revoked.GetAsync("/api/devices"), HttpStatusCode.Unauthorized);
        await ProblemAsync(await admin.DeleteAsync($"/api/keys/{created.GetProperty("id").GetString()}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Key_cannot_revoke_itself()
    {
        var key = await App.KeyAsync(ApiRole.Admin);
        using var admin = App.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);

        await ProblemAsync(await admin.DeleteAsync($"/api/keys/{key.Split('.')[0]}"), HttpStatusCode.Conflict);
    }

    // The database file and its write-ahead log as text, to prove no key is stored in clear.
    private async Task<string> DatabaseTextAsync()
    {
        var text = new StringBuilder();
        foreach (var file in Directory.GetFiles(App.DataDirectory, "nordiciot.db*"))
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream, Encoding.Latin1);
            text.Append(await reader.ReadToEndAsync());
        }

        Assert.Contains("grafana", text.ToString());
        return text.ToString();
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NordicIoT.Cloud.Tests.Support;

namespace NordicIoT.Cloud.Tests.Api;

/// <summary>Base of API tests: every test gets its own app on its own temp database.</summary>
public abstract class ApiTest : IAsyncLifetime
{
    protected ApiTest(IDictionary<string, string?>? settings = null)
    {
        App = new CloudApp(settings);
    }

    protected CloudApp App { get; }

    protected DateTimeOffset Now => App.Clock.Now;

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync() => await App.DisposeAsync();

    /// <summary>The JSON body of a response, after checking its status.</summary>
    protected static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>GET and parse, expecting 200.</summary>
    protected static async Task<JsonElement> GetJsonAsync(HttpClient client, string url) => await JsonAsync(await client.GetAsync(url));

    /// <summary>Checks a problem details response (RFC 9457) and returns it.</summary>
    protected static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await JsonAsync(response, expected);
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        return problem;
    }

    /// <summary>The field names a validation problem lists.</summary>
    protected static string[] InvalidFields(JsonElement problem) =>
        [.. problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order()];

    /// <summary>POSTs JSON.</summary>
    protected static Task<HttpResponseMessage> PostAsync(HttpClient client, string url, object body) => client.PostAsJsonAsync(url, body);
}

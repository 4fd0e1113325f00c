using NordicIoT.Cloud.Tests.Support;

namespace NordicIoT.Cloud.Tests.Api;

/// <summary>Bad settings stop the app at start-up with messages that name the full setting path.</summary>
public sealed class SettingsValidationTests
{
    [Theory]
    [InlineData("Storage:Engine", "DynamoDb", "Storage:DynamoDb:Region is required")]
    [InlineData("Storage:Sqlite:Path", " ", "Storage:Sqlite:Path must name a file")]
    [InlineData("Broker:Host", "127.0.0.1", "Broker:CaCertificatePath is required when Broker:Host is set")]
    [InlineData("Ingestion:MaxPayloadBytes", "200000", "Ingestion:MaxPayloadBytes must be 1..131072")]
    [InlineData("Ingestion:MaxBatchSpan", "30.00:00:00", "Ingestion:MaxBatchSpan must be more than zero and at most 7.00:00:00")]
    [InlineData("Ingestion:EarliestTime", "2999-01-01T00:00:00Z", "Ingestion:EarliestTime")]
    [InlineData("Api:MaxRequestBodyBytes", "10", "Api:MaxRequestBodyBytes must be 1024..16777216")]
    public async Task Start_fails_naming_the_setting(string key, string value, string message)
    {
        await using var app = new CloudApp(new Dictionary<string, string?> { [key] = value });

        var failure = Assert.ThrowsAny<Exception>(() => app.Services);

        Assert.True(failure.ToString().Contains(message), failure.ToString());
    }

    [Fact]
    public async Task Broker_file_that_does_not_exist_is_named_with_where_it_was_looked_for()
    {
        await using var app = new CloudApp(new Dictionary<string, string?>
        {
            ["Broker:Host"] = "127.0.0.1",
            ["Broker:CaCertificatePath"] = "/nonexistent/ca.crt",
            ["Broker:CertificatePath"] = "/nonexistent/cloud.crt",
            ["Broker:KeyPath"] = "/nonexistent/cloud.key",
        });

        var failure = Assert.ThrowsAny<Exception>(() => app.Services).ToString();

        Assert.Contains("Broker:CaCertificatePath '/nonexistent/ca.crt' does not exist", failure);
        Assert.Contains("Broker:KeyPath '/nonexistent/cloud.key' does not exist", failure);
    }
}

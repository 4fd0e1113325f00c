using System.Net;
using System.Net.Http.Json;
using NordicIoT.EndToEnd.Support;
using NordicIoT.Provisioning;
using NordicIoT.Schemas.Cbor;
using NordicIoT.Schemas.Messages;
using NordicIoT.Testing;

namespace NordicIoT.EndToEnd;

/// <summary>A stack with two registered devices: one whose certificate attacks, one whose data must stay untouched.</summary>
public sealed class SecurityStack : StackFixture
{
    public const string Attacker = "sec-attacker";
    public const string Victim = "sec-victim";

    /// <summary>The attacker's certificate, issued by the project CA like any device's.</summary>
    public CertificateFiles AttackerCertificate { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        AttackerCertificate = await AddDeviceAsync(Attacker);
        await AddDeviceAsync(Victim);
    }
}

/// <summary>What the stack refuses: a device writing into another device's topics, clients without a certificate from the project CA, API calls without a key or with too low a role.</summary>
/// <remarks>Every broker test aims at the victim device's topics; none may leave a trace in its data.</remarks>
public sealed class SecurityTests(SecurityStack fixture) : IClassFixture<SecurityStack>
{
    private const string Attacker = SecurityStack.Attacker;
    private const string Victim = SecurityStack.Victim;
    private static readonly DateTimeOffset Since = DateTimeOffset.UtcNow.AddMinutes(-5);

    [Fact]
    public async Task A_device_certificate_cannot_publish_into_another_devices_topics()
    {
        var forged = await PayloadFileAsync("forged", 9999);
        foreach (var topic in new[] { $"d/{Victim}/b", $"d/{Victim}/s" })
        {
            // MQTT 3.1.1 has no way to refuse a publish: Mosquitto acknowledges it and drops it.
            var result = await MosquittoPub.PublishFileAsync(fixture.Stack.Options.BrokerPort, fixture.Pki.CaCertificatePath, fixture.AttackerCertificate, Attacker, topic, forged);
            Assert.True(result.ExitCode == 0, $"mosquitto_pub to {topic}: exit {result.ExitCode}: {result.Output}");
        }

        // The attacker's own topic works, and the broker delivers a client's messages in order: once this one is in,
        // the forged ones would have been too.
        var own = await PayloadFileAsync("own", 2222);
        var ownResult = await MosquittoPub.PublishFileAsync(fixture.Stack.Options.BrokerPort, fixture.Pki.CaCertificatePath, fixture.AttackerCertificate, Attacker, $"d/{Attacker}/b", own);
        Assert.True(ownResult.ExitCode == 0, ownResult.Output);
        await Eventually.TrueAsync(
            async () => (await fixture.ReadingsAsync(Attacker, "temperature", Since, Since.AddHours(1))).Count > 0,
            TimeSpan.FromSeconds(30), () => "the attacker's reading on its own topic in the API");

        await AssertVictimUntouchedAsync();
    }

    [Fact]
    public async Task A_client_without_a_certificate_cannot_connect()
    {
        var payload = await PayloadFileAsync("anonymous", 9998);
        var result = await MosquittoPub.PublishFileAsync(fixture.Stack.Options.BrokerPort, fixture.Pki.CaCertificatePath, null, Victim, $"d/{Victim}/b", payload);

        Assert.True(result.ExitCode != 0, $"mosquitto_pub without a certificate succeeded: {result.Output}");
        await AssertVictimUntouchedAsync();
    }

    [Fact]
    public async Task A_certificate_from_another_ca_cannot_connect_even_with_the_victims_name()
    {
        using var otherFolder = new TempFolder("foreign-ca");
        var foreign = new CertificateStore(otherFolder.Path);
        foreign.EnsureCa();
        var impostor = foreign.IssueDeviceCertificate(Victim);
        var payload = await PayloadFileAsync("impostor", 9997);

        var result = await MosquittoPub.PublishFileAsync(fixture.Stack.Options.BrokerPort, fixture.Pki.CaCertificatePath, impostor, Victim, $"d/{Victim}/b", payload);

        Assert.True(result.ExitCode != 0, $"mosquitto_pub with a foreign CA's certificate succeeded: {result.Output}");
        await AssertVictimUntouchedAsync();
    }

    [Fact]
    public async Task The_api_refuses_calls_without_a_key()
    {
        using var anonymous = fixture.ClientWithKey(null);

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("api/devices")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"api/devices/{Victim}/readings/temperature/export.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("health/live")).StatusCode);
    }

    [Fact]
    public async Task A_viewer_key_is_refused_on_operator_endpoints()
    {
        using var viewer = fixture.ClientWithKey(await fixture.CreateKeyAsync("viewer"));
        var request = new HttpRequestMessage(HttpMethod.Put, $"api/devices/{Victim}/config") { Content = JsonContent.Create(new { uplinkInterval = 600 }) };
        request.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"0\""));

        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync($"api/devices/{Victim}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.SendAsync(request)).StatusCode);
    }

    private async Task AssertVictimUntouchedAsync()
    {
        Assert.Empty(await fixture.ReadingsAsync(Victim, "temperature", Since, Since.AddHours(1)));
        var twin = await fixture.GetJsonAsync($"api/devices/{Victim}");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, twin.GetProperty("lastSeen").ValueKind);
        var deadLetters = await fixture.GetJsonAsync($"api/dead-letters?deviceId={Victim}");
        Assert.Empty(deadLetters.GetProperty("deadLetters").EnumerateArray());
    }

    // A one-reading temperature batch stamped now, encoded with the device's own encoder, in a file for mosquitto_pub.
    private async Task<string> PayloadFileAsync(string name, int centiDegrees)
    {
        var batch = new ReadingBatch(1, SensorKind.MaxDimensions);
        batch.Add(SensorKind.Temperature, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), [centiDegrees], 0);
        var buffer = new byte[BatchEncoder.EncodedSize(batch, batch.Count)];
        BatchEncoder.Encode(batch, batch.Count, new CborWriter(buffer));
        var path = Path.Combine(fixture.ScratchFolder, $"{name}.cbor");
        await File.WriteAllBytesAsync(path, buffer);
        return path;
    }
}

using System.Security.Authentication;
using NordicIoT.Mqtt;
using NordicIoT.Provisioning;
using NordicIoT.Testing;

namespace NordicIoT.Broker.Tests;

/// <summary>Who may connect: only clients with a certificate from the project CA, to a broker whose certificate is from it too.</summary>
public sealed class MutualTlsTests(SharedBroker shared) : IClassFixture<SharedBroker>
{
    private readonly TestBroker _broker = shared.Broker;

    [Fact]
    public async Task Device_with_a_project_certificate_connects()
    {
        await using var client = new MqttClient(_broker.DeviceOptions("tls-dev1"));

        await client.ConnectAsync(new MqttConnectOptions("tls-dev1"));

        Assert.True(client.IsConnected);
    }

    [Fact]
    public async Task Client_without_a_certificate_cannot_connect()
    {
        await using var client = new MqttClient(_broker.OptionsFor(null));

        await Assert.ThrowsAsync<MqttConnectException>(() => client.ConnectAsync(new MqttConnectOptions("anonymous")));
        Assert.False(client.IsConnected);
    }

    [Fact]
    public async Task Client_with_a_certificate_from_another_ca_cannot_connect()
    {
        using var otherFolder = new TempFolder("other-ca");
        var other = new CertificateStore(otherFolder.Path);
        other.EnsureCa();
        await using var client = new MqttClient(_broker.OptionsFor(other.IssueDeviceCertificate("tls-dev2")));

        await Assert.ThrowsAsync<MqttConnectException>(() => client.ConnectAsync(new MqttConnectOptions("tls-dev2")));
    }

    [Fact]
    public async Task Client_refuses_a_broker_whose_certificate_is_not_from_the_ca_it_trusts()
    {
        using var otherFolder = new TempFolder("other-ca");
        var other = new CertificateStore(otherFolder.Path);
        other.EnsureCa();
        var device = _broker.Certificates.IssueDeviceCertificate("tls-dev3");
        var options = new MqttClientOptions
        {
            Host = "127.0.0.1",
            Port = _broker.Port,
            Credentials = MqttTlsCredentials.FromPemFiles(other.CaCertificatePath, device.CertificatePath, device.KeyPath),
        };
        await using var client = new MqttClient(options);

        var error = await Assert.ThrowsAsync<MqttConnectException>(() => client.ConnectAsync(new MqttConnectOptions("tls-dev3")));
        Assert.IsType<AuthenticationException>(error.InnerException);
    }

    [Fact]
    public async Task Client_refuses_a_broker_certificate_for_another_name()
    {
        var options = _broker.DeviceOptions("tls-dev4");
        await using var client = new MqttClient(new MqttClientOptions
        {
            Host = options.Host,
            Port = options.Port,
            Credentials = options.Credentials,
            ServerName = "broker.example",
        });

        var error = await Assert.ThrowsAsync<MqttConnectException>(() => client.ConnectAsync(new MqttConnectOptions("tls-dev4")));
        Assert.IsType<AuthenticationException>(error.InnerException);
    }

    [Fact]
    public async Task Connecting_to_a_closed_port_fails_with_a_connect_error()
    {
        var options = _broker.DeviceOptions("tls-dev5");
        await using var client = new MqttClient(new MqttClientOptions
        {
            Host = options.Host,
            Port = FreeTcpPort.Next(),
            Credentials = options.Credentials,
        });

        var error = await Assert.ThrowsAsync<MqttConnectException>(() => client.ConnectAsync(new MqttConnectOptions("tls-dev5")));
        Assert.Contains("127.0.0.1", error.Message);
    }
}

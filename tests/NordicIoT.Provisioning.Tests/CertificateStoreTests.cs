using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using NordicIoT.Provisioning;
using NordicIoT.Testing;

namespace NordicIoT.Provisioning.Tests;

public sealed class CertificateStoreTests : IDisposable
{
    private const string ServerAuth = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuth = "1.3.6.1.5.5.7.3.2";

    private readonly TempFolder _folder = new("pki-tests");
    private readonly CertificateStore _store;

    public CertificateStoreTests()
    {
        _store = new CertificateStore(Path.Combine(_folder.Path, "pki"));
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Ca_is_a_self_signed_p256_root_that_may_only_sign_certificates()
    {
        using var ca = LoadCertificate(_store.EnsureCa().CertificatePath);

        Assert.Equal(ca.Subject, ca.Issuer);
        var constraints = Assert.Single(ca.Extensions.OfType<X509BasicConstraintsExtension>());
        Assert.True(constraints.CertificateAuthority);
        Assert.True(constraints.HasPathLengthConstraint);
        Assert.Equal(0, constraints.PathLengthConstraint);
        var usage = Assert.Single(ca.Extensions.OfType<X509KeyUsageExtension>());
        Assert.Equal(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, usage.KeyUsages);
        using var key = ca.GetECDsaPublicKey();
        Assert.Equal(256, key!.KeySize);
        Assert.True(ca.NotAfter - DateTime.Now > TimeSpan.FromDays(19 * 365));
    }

    [Fact]
    public void Server_certificate_chains_to_the_ca_for_server_auth_and_names_localhost_and_loopback()
    {
        _store.EnsureCa();
        using var server = LoadCertificate(_store.IssueServerCertificate().CertificatePath);

        Assert.True(BuildChain(server, ServerAuth), "server certificate must chain to the project CA for server auth");
        Assert.False(BuildChain(server, ClientAuth), "server certificate must not be usable as a client certificate");
        Assert.Equal("localhost", server.GetNameInfo(X509NameType.SimpleName, false));
        Assert.True(server.MatchesHostname("localhost"));
        Assert.True(server.MatchesHostname("127.0.0.1"));
        Assert.False(server.MatchesHostname("example.org"));
        AssertEndEntityWithUsage(server, ServerAuth);
    }

    [Fact]
    public void Server_certificate_takes_additional_names_and_refuses_invalid_ones()
    {
        _store.EnsureCa();
        using var server = LoadCertificate(_store.IssueServerCertificate(["broker.lan", "192.168.1.20"]).CertificatePath);
        Assert.True(server.MatchesHostname("broker.lan"));
        Assert.True(server.MatchesHostname("192.168.1.20"));
        Assert.True(server.MatchesHostname("localhost"));

        var error = Assert.Throws<ArgumentException>(() => _store.IssueServerCertificate(["not a host"]));
        Assert.Contains("not a host", error.Message);
    }

    [Fact]
    public void Device_certificate_has_the_device_id_as_cn_and_chains_for_client_auth()
    {
        _store.EnsureCa();
        var files = _store.IssueDeviceCertificate("sensor-01_A");
        using var device = X509Certificate2.CreateFromPemFile(files.CertificatePath, files.KeyPath);

        Assert.Equal("sensor-01_A", device.GetNameInfo(X509NameType.SimpleName, false));
        Assert.True(device.HasPrivateKey);
        Assert.True(BuildChain(device, ClientAuth), "device certificate must chain to the project CA for client auth");
        Assert.False(BuildChain(device, ServerAuth), "device certificate must not be usable as a server certificate");
        AssertEndEntityWithUsage(device, ClientAuth);
        Assert.EndsWith(Path.Combine("devices", "sensor-01_A.crt"), files.CertificatePath);
    }

    [Fact]
    public void Service_certificate_has_the_service_name_as_cn_for_client_auth()
    {
        _store.EnsureCa();
        using var cloud = LoadCertificate(_store.IssueServiceCertificate("cloud").CertificatePath);

        Assert.Equal("cloud", cloud.GetNameInfo(X509NameType.SimpleName, false));
        Assert.True(BuildChain(cloud, ClientAuth));
        AssertEndEntityWithUsage(cloud, ClientAuth);
    }

    [Fact]
    public void Certificate_from_another_ca_with_the_same_name_does_not_chain()
    {
        _store.EnsureCa();
        using var otherFolder = new TempFolder("pki-other");
        var other = new CertificateStore(otherFolder.Path);
        other.EnsureCa();
        using var foreign = LoadCertificate(other.IssueDeviceCertificate("sensor-01").CertificatePath);

        Assert.False(BuildChain(foreign, ClientAuth));
    }

    [Fact]
    public void EnsureCa_keeps_an_existing_ca_and_replaces_it_only_when_told()
    {
        var first = File.ReadAllText(_store.EnsureCa().CertificatePath);

        Assert.Equal(first, File.ReadAllText(_store.EnsureCa().CertificatePath));
        Assert.Equal(first, File.ReadAllText(new CertificateStore(_store.RootDirectory).EnsureCa().CertificatePath));
        Assert.NotEqual(first, File.ReadAllText(_store.EnsureCa(overwrite: true).CertificatePath));
    }

    [Fact]
    public void EnsureCa_refuses_to_replace_a_ca_whose_key_is_missing()
    {
        var ca = _store.EnsureCa();
        File.Delete(ca.KeyPath);
        var before = File.ReadAllText(ca.CertificatePath);

        var error = Assert.Throws<InvalidOperationException>(() => _store.EnsureCa());
        Assert.Contains("ca.key", error.Message);
        Assert.Contains("overwrite", error.Message);
        Assert.Equal(before, File.ReadAllText(ca.CertificatePath));
    }

    [Fact]
    public void Issuing_without_a_ca_says_to_create_one()
    {
        var error = Assert.Throws<InvalidOperationException>(() => _store.IssueDeviceCertificate("sensor-01"));
        Assert.Contains("EnsureCa", error.Message);
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void Keys_are_owner_only_and_certificates_are_readable()
    {
        var ca = _store.EnsureCa();
        var device = _store.IssueDeviceCertificate("sensor-01");
        var server = _store.IssueServerCertificate();

        foreach (var key in new[] { ca.KeyPath, device.KeyPath, server.KeyPath })
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key));
        }

        Assert.Equal(
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
            File.GetUnixFileMode(device.CertificatePath) & ~UnixFileMode.GroupWrite & ~UnixFileMode.OtherWrite);
        Assert.Equal(
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute,
            File.GetUnixFileMode(_store.RootDirectory));
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void Reissuing_a_device_writes_a_new_key_with_owner_only_mode()
    {
        _store.EnsureCa();
        var first = _store.IssueDeviceCertificate("sensor-01");
        var firstKey = File.ReadAllText(first.KeyPath);
        File.SetUnixFileMode(first.KeyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        var second = _store.IssueDeviceCertificate("sensor-01");

        Assert.NotEqual(firstKey, File.ReadAllText(second.KeyPath));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(second.KeyPath));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(second.KeyPath)!, "*.tmp"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData("a+b")]
    [InlineData("a#")]
    [InlineData("..")]
    [InlineData("dev ice")]
    [InlineData("sensör")]
    [InlineData("x\n")]
    public void Invalid_device_ids_are_refused_with_a_clear_message(string id)
    {
        _store.EnsureCa();
        var error = Assert.Throws<ArgumentException>(() => _store.IssueDeviceCertificate(id));
        Assert.Equal("deviceId", error.ParamName);
        Assert.Contains("id", error.Message);
    }

    [Fact]
    public void Device_ids_longer_than_64_characters_are_refused_and_64_is_accepted()
    {
        _store.EnsureCa();
        _store.IssueDeviceCertificate(new string('a', 64));
        var error = Assert.Throws<ArgumentException>(() => _store.IssueDeviceCertificate(new string('a', 65)));
        Assert.Contains("65 characters", error.Message);
    }

    [Fact]
    public void A_device_cannot_take_a_service_name_nor_a_service_a_device_name()
    {
        _store.EnsureCa();
        _store.IssueServiceCertificate("cloud");
        _store.IssueDeviceCertificate("sensor-01");

        Assert.Contains("service", Assert.Throws<ArgumentException>(() => _store.IssueDeviceCertificate("cloud")).Message);
        Assert.Contains("device", Assert.Throws<ArgumentException>(() => _store.IssueServiceCertificate("sensor-01")).Message);
    }

    private bool BuildChain(X509Certificate2 certificate, string usage)
    {
        using var ca = LoadCertificate(_store.CaCertificatePath);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid(usage));
        return chain.Build(certificate);
    }

    private static void AssertEndEntityWithUsage(X509Certificate2 certificate, string usage)
    {
        Assert.False(Assert.Single(certificate.Extensions.OfType<X509BasicConstraintsExtension>()).CertificateAuthority);
        var keyUsage = Assert.Single(certificate.Extensions.OfType<X509KeyUsageExtension>());
        Assert.Equal(X509KeyUsageFlags.DigitalSignature, keyUsage.KeyUsages);
        Assert.True(keyUsage.Critical);
        var extended = Assert.Single(certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>());
        Assert.Equal([usage], extended.EnhancedKeyUsages.Cast<Oid>().Select(o => o.Value));
        Assert.Equal("1.2.840.10045.2.1", certificate.PublicKey.Oid.Value);
    }

    private static X509Certificate2 LoadCertificate(string path) => X509Certificate2.CreateFromPem(File.ReadAllText(path));
}

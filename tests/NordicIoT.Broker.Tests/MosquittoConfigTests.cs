namespace NordicIoT.Broker.Tests;

public sealed class MosquittoConfigTests
{
    private static readonly BrokerSettings Settings = new(18883, "/srv/broker", "/pki/ca.crt", "/pki/server.crt", "/pki/server.key");

    [Fact]
    public void Config_requires_client_certificates_and_uses_the_cn_as_username()
    {
        var lines = Lines(MosquittoConfig.Render(Settings, runningAsRoot: false));

        Assert.Contains("listener 18883 127.0.0.1", lines);
        Assert.Contains("cafile /pki/ca.crt", lines);
        Assert.Contains("certfile /pki/server.crt", lines);
        Assert.Contains("keyfile /pki/server.key", lines);
        Assert.Contains("require_certificate true", lines);
        Assert.Contains("use_identity_as_username true", lines);
        Assert.Contains("allow_anonymous false", lines);
        Assert.Contains("per_listener_settings false", lines);
        Assert.Contains("acl_file /srv/broker/acl", lines);
    }

    [Fact]
    public void Config_persists_to_and_logs_in_the_data_folder()
    {
        var lines = Lines(MosquittoConfig.Render(Settings, runningAsRoot: false));

        Assert.Contains("persistence true", lines);
        Assert.Contains("persistence_location /srv/broker/", lines);
        Assert.Contains("log_dest file /srv/broker/mosquitto.log", lines);
    }

    [Fact]
    public void Config_keeps_root_only_when_running_as_root()
    {
        Assert.Contains("user root", Lines(MosquittoConfig.Render(Settings, runningAsRoot: true)));
        Assert.DoesNotContain(Lines(MosquittoConfig.Render(Settings, runningAsRoot: false)), line => line.StartsWith("user "));
    }

    [Fact]
    public void Listener_binds_the_address_asked_for()
    {
        var lines = Lines(MosquittoConfig.Render(Settings with { BindAddress = "192.168.1.20" }, runningAsRoot: false));

        Assert.Contains("listener 18883 192.168.1.20", lines);
    }

    [Fact]
    public void Acl_confines_every_user_to_its_own_device_topics_and_gives_services_all_of_them()
    {
        var acl = Lines(MosquittoConfig.RenderAcl(Settings with { ServiceUsers = ["cloud", "ops"] }));

        Assert.Contains("pattern write d/%u/#", acl);
        Assert.Contains("pattern read d/%u/#", acl);
        var cloud = acl.IndexOf("user cloud");
        var ops = acl.IndexOf("user ops");
        Assert.True(cloud >= 0 && ops > cloud, string.Join('\n', acl));
        Assert.Equal("topic readwrite d/#", acl[cloud + 1]);
        Assert.Equal("topic readwrite d/#", acl[ops + 1]);
        Assert.Equal(2, acl.Count(line => line.StartsWith("topic ")));
    }

    [Theory]
    [InlineData("/pki/ca.crt\nallow_anonymous true")]
    [InlineData("")]
    public void A_path_that_could_inject_options_is_refused(string caFile)
    {
        var error = Assert.Throws<ArgumentException>(() => MosquittoConfig.Render(Settings with { CaFile = caFile }, false));
        Assert.Contains("CaFile", error.Message);
    }

    [Theory]
    [InlineData("cloud service")]
    [InlineData("a/b")]
    [InlineData("")]
    public void An_invalid_service_user_is_refused(string user)
    {
        var error = Assert.Throws<ArgumentException>(() => MosquittoConfig.RenderAcl(Settings with { ServiceUsers = [user] }));
        Assert.Equal("ServiceUsers", error.ParamName);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65536)]
    public void A_port_out_of_range_is_refused(int port)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MosquittoConfig.Render(Settings with { Port = port }, false));
    }

    [Fact]
    public void Missing_binary_error_says_how_to_install_it()
    {
        var error = Assert.Throws<BrokerStartException>(() => MosquittoBinary.Find("/nonexistent-a:/nonexistent-b", []));
        Assert.Contains("sudo apt-get install mosquitto", error.Message);
    }

    [Fact]
    public void Binary_is_found_in_a_fallback_directory_when_not_on_path()
    {
        using var folder = new NordicIoT.Testing.TempFolder("sbin");
        var binary = Path.Combine(folder.Path, "mosquitto");
        File.WriteAllText(binary, "");

        Assert.Equal(binary, MosquittoBinary.Find("/nonexistent", [folder.Path]));
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.TrimEntries);
}

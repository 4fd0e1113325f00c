using System.CommandLine;
using NordicIoT.Cli.Provisioning;

namespace NordicIoT.Cli.Commands;

/// <summary>Options several commands share, declared once so their names, defaults and help agree.</summary>
internal static class CommonOptions
{
    /// <summary>--dir: the project's local state folder.</summary>
    public static Option<string> ProjectDirectory() => new("--dir")
    {
        Description = "The project's local state: pki/ (certificates and keys) and devices/ID/ (files for each board)",
        DefaultValueFactory = _ => ProjectLayout.DefaultRoot,
    };

    /// <summary>--broker-host: where devices reach the broker.</summary>
    public static Option<string> BrokerHost() => new("--broker-host")
    {
        Description = "The broker's host name or IP address as devices reach it",
        DefaultValueFactory = _ => ProvisionRequest.DefaultBrokerHost,
    };

    /// <summary>--broker-port: the broker's TLS port.</summary>
    public static Option<int> BrokerPort() => new("--broker-port")
    {
        Description = "The broker's MQTT TLS port",
        DefaultValueFactory = _ => ProvisionRequest.DefaultBrokerPort,
    };

    /// <summary>--prefix: how numbered device ids begin.</summary>
    public static Option<string> Prefix() => new("--prefix")
    {
        Description = "Numbered device ids are this prefix followed by 1..N",
        DefaultValueFactory = _ => Device.Host.Simulation.FleetOptions.DefaultPrefix,
    };
}

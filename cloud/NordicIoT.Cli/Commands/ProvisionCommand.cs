using System.CommandLine;
using NordicIoT.Cli.Errors;
using NordicIoT.Cli.Output;
using NordicIoT.Cli.Provisioning;
using NordicIoT.Device.Host.Simulation;

namespace NordicIoT.Cli.Commands;

/// <summary>nordiciot provision: CA, broker and cloud certificates, device certificates, and the files nanoff puts on each board.</summary>
internal sealed class ProvisionCommand : Command
{
    private readonly Interaction _ui;
    private readonly Option<string> _dir = CommonOptions.ProjectDirectory();
    private readonly Option<string[]> _devices = new("--device") { Description = "A device id to provision (repeat for more)" };
    private readonly Option<int?> _count = new("--count") { Description = "Provision N numbered devices: PREFIX1..PREFIXN" };
    private readonly Option<string> _prefix = CommonOptions.Prefix();
    private readonly Option<string> _brokerHost = CommonOptions.BrokerHost();
    private readonly Option<int> _brokerPort = CommonOptions.BrokerPort();
    private readonly Option<string?> _brokerCa = new("--broker-ca") { Description = "CA of a broker that is not the local one (e.g. AmazonRootCA1.pem for AWS IoT) to put on the boards instead of the project CA" };
    private readonly Option<string?> _downloadCa = new("--download-ca") { Description = "More CA certificates (PEM) the boards trust for firmware downloads, e.g. Amazon's roots for presigned S3 URLs; written to I:\\download-ca.crt" };
    private readonly Option<string?> _board = new("--board") { Description = "Board profile id (hardware/ID.json) written into device.json" };
    private readonly Option<string?> _wifiSsid = new("--wifi-ssid") { Description = "Wi-Fi network for the network deployment file" };
    private readonly Option<string?> _wifiPasswordFile = new("--wifi-password-file") { Description = "File holding the Wi-Fi password (kept off the command line)" };
    private readonly Option<string?> _serialPort = new("--serial-port") { Description = "Serial port written into the nanoff deployment files, e.g. /dev/ttyUSB0" };
    private readonly Option<bool> _forceCa = new("--force-ca") { Description = "Replace the CA: every certificate issued so far stops being trusted" };

    public ProvisionCommand(Interaction ui)
        : base("provision", "Create the CA, broker and cloud certificates, device certificates, and each device's device.json and nanoff deployment files")
    {
        _ui = ui;
        Options.Add(_dir);
        Options.Add(_devices);
        Options.Add(_count);
        Options.Add(_prefix);
        Options.Add(_brokerHost);
        Options.Add(_brokerPort);
        Options.Add(_brokerCa);
        Options.Add(_downloadCa);
        Options.Add(_board);
        Options.Add(_wifiSsid);
        Options.Add(_wifiPasswordFile);
        Options.Add(_serialPort);
        Options.Add(_forceCa);
        SetAction(Run);
    }

    private int Run(ParseResult parse)
    {
        var layout = new ProjectLayout(parse.GetRequiredValue(_dir));
        var deviceIds = DeviceIds(parse);
        var report = new Provisioner(layout).Provision(new ProvisionRequest
        {
            DeviceIds = deviceIds,
            BrokerHost = parse.GetRequiredValue(_brokerHost),
            BrokerPort = parse.GetValue(_brokerPort),
            BrokerCaFile = parse.GetValue(_brokerCa),
            DownloadCaFile = parse.GetValue(_downloadCa),
            Board = parse.GetValue(_board),
            WifiSsid = parse.GetValue(_wifiSsid),
            WifiPasswordFile = parse.GetValue(_wifiPasswordFile),
            SerialPort = parse.GetValue(_serialPort),
            ForceCa = parse.GetValue(_forceCa),
        });

        foreach (var item in report.Items)
        {
            _ui.Data($"{item.Role,-7} {item.Name,-24} {item.Action.ToString().ToLowerInvariant(),-9} {item.Path}");
        }

        foreach (var warning in report.Warnings)
        {
            _ui.Warning(warning);
        }

        if (deviceIds.Count == 0)
        {
            _ui.Hint("No devices asked for: only the CA, broker and cloud certificates were ensured. Add --device ID or --count N.");
            return ExitCodes.Ok;
        }

        _ui.Success($"{deviceIds.Count} device(s) provisioned in {layout.Root}; private keys are in {layout.PkiFolder} (mode 0600, never commit them).");
        _ui.Hint($"Simulate them: nordiciot sim --certs {layout.PkiFolder} --devices N --prefix PREFIX");
        _ui.Hint($"Put one on a board: nordiciot flash --dir {layout.Root} --board BOARD --device {deviceIds[0]} --serial-port PORT");
        return ExitCodes.Ok;
    }

    private List<string> DeviceIds(ParseResult parse)
    {
        var ids = new List<string>(parse.GetValue(_devices) ?? []);
        if (parse.GetValue(_count) is { } count)
        {
            if (count is < 1 or > FleetOptions.MaxDevices)
            {
                throw new InvalidInputException($"--count must be 1..{FleetOptions.MaxDevices}, not {count}.");
            }

            string prefix = parse.GetRequiredValue(_prefix);
            ids.AddRange(Enumerable.Range(1, count).Select(n => FleetOptions.DeviceIdFor(prefix, n)));
        }

        return ids;
    }
}

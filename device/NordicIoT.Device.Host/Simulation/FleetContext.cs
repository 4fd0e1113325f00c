namespace NordicIoT.Device.Host.Simulation;

/// <summary>What every device of one fleet shares: its options, the certificate folder, the link conditions and the acknowledgement timer.</summary>
internal sealed record FleetContext(FleetOptions Options, DeviceCertificates Certificates, LinkConditions Conditions, LatencyHistogram AckLatency);

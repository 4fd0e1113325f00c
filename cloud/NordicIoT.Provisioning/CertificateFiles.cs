namespace NordicIoT.Provisioning;

/// <summary>Where one issued certificate and its private key were written (both PEM).</summary>
public sealed record CertificateFiles(string CertificatePath, string KeyPath);

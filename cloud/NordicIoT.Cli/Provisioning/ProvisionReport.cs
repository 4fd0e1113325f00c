namespace NordicIoT.Cli.Provisioning;

/// <summary>What happened to one certificate or device folder.</summary>
public enum ProvisionAction
{
    /// <summary>Made now, nothing was there.</summary>
    Created,

    /// <summary>Already there and still valid: left alone.</summary>
    Kept,

    /// <summary>Made again: the old one is gone.</summary>
    Replaced,
}

/// <summary>One thing provisioning made or found: its role ("ca", "broker", "cloud", "device"), name, where it is, and what was done.</summary>
public sealed record ProvisionedItem(string Role, string Name, string Path, ProvisionAction Action);

/// <summary>Everything one provisioning run made or kept, and what the user should know about it.</summary>
public sealed class ProvisionReport
{
    /// <summary>Certificates and device folders, in the order they were handled.</summary>
    public List<ProvisionedItem> Items { get; } = [];

    /// <summary>Things that need the user's attention (e.g. devices whose certificates a new CA no longer trusts).</summary>
    public List<string> Warnings { get; } = [];
}

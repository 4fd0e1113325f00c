namespace NordicIoT.Broker;

/// <summary>The files a configured broker reads and writes in its data folder.</summary>
public sealed record BrokerFiles(string ConfigPath, string AclPath, string LogPath, string PersistenceDirectory);

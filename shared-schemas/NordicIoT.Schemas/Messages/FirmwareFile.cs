namespace NordicIoT.Schemas.Messages
{
    /// <summary>One file of a firmware release: name, size and SHA-256.</summary>
    public sealed class FirmwareFile
    {
        /// <summary>Creates the entry.</summary>
        public FirmwareFile(string name, long size, byte[] sha256)
        {
            Name = name;
            Size = size;
            Sha256 = sha256;
        }

        /// <summary>File name, e.g. NordicIoT.Device.pe; also the last part of its download URL.</summary>
        public string Name { get; }

        /// <summary>Size in bytes.</summary>
        public long Size { get; }

        /// <summary>SHA-256 of the content, 32 bytes.</summary>
        public byte[] Sha256 { get; }
    }
}

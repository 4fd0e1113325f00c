using NordicIoT.Schemas.Cbor;

namespace NordicIoT.Schemas.Messages
{
    /// <summary>Writes and reads firmware manifests (see nordiciot.cddl).</summary>
    public static class FirmwareManifestCodec
    {
        /// <summary>Most board targets a manifest lists.</summary>
        public const int MaxTargets = 16;

        /// <summary>Most files a release has.</summary>
        public const int MaxFiles = 32;

        private const int Sha256Length = 32;

        /// <summary>Writes the manifest; returns the bytes written.</summary>
        public static int Encode(FirmwareManifest manifest, CborWriter writer)
        {
            int start = writer.Position;
            writer.WriteMapHeader(manifest.AllowDowngrade ? 4 : 3);
            writer.WriteUInt(1);
            writer.WriteText(manifest.Version);
            writer.WriteUInt(2);
            writer.WriteArrayHeader(manifest.Targets.Length);
            for (int i = 0; i < manifest.Targets.Length; i++)
            {
                writer.WriteText(manifest.Targets[i]);
            }

            writer.WriteUInt(3);
            writer.WriteArrayHeader(manifest.Files.Length);
            for (int i = 0; i < manifest.Files.Length; i++)
            {
                FirmwareFile file = manifest.Files[i];
                writer.WriteArrayHeader(3);
                writer.WriteText(file.Name);
                writer.WriteUInt((ulong)file.Size);
                writer.WriteBytes(file.Sha256, 0, file.Sha256.Length);
            }

            if (manifest.AllowDowngrade)
            {
                writer.WriteUInt(4);
                writer.WriteBool(true);
            }

            return writer.Position - start;
        }

        /// <summary>Reads one whole manifest.</summary>
        /// <exception cref="WireFormatException">Not a well-formed, valid manifest.</exception>
        public static FirmwareManifest Decode(CborReader reader)
        {
            int at = reader.Offset;
            int count = FieldReader.DefiniteMap(reader, "manifest");
            ulong seen = 0;
            string version = null;
            string[] targets = null;
            FirmwareFile[] files = null;
            bool allowDowngrade = false;
            for (int i = 0; i < count; i++)
            {
                switch (FieldReader.Key(reader, ref seen, 4, "manifest"))
                {
                    case 1: version = FieldReader.Text(reader, 1, 32, "manifest version"); break;
                    case 2: targets = ReadTargets(reader); break;
                    case 3: files = ReadFiles(reader); break;
                    case 4: allowDowngrade = reader.ReadBool(); break;
                    default: throw new WireFormatException(WireError.UnknownField, at, "manifest has no field 0");
                }
            }

            if (version == null || targets == null || files == null)
            {
                throw new WireFormatException(WireError.MissingField, at, "manifest needs version (1), targets (2) and files (3)");
            }

            reader.ReadEndMap();
            reader.ExpectEnd();
            return new FirmwareManifest(version, targets, files, allowDowngrade);
        }

        private static string[] ReadTargets(CborReader reader)
        {
            int at = reader.Offset;
            int count = FieldReader.DefiniteArray(reader, "targets");
            if (count < 1 || count > MaxTargets)
            {
                throw new WireFormatException(WireError.TooManyItems, at, "manifest lists 1.." + MaxTargets.ToString() + " targets");
            }

            string[] targets = new string[count];
            for (int i = 0; i < count; i++)
            {
                targets[i] = FieldReader.Text(reader, 1, 32, "target");
            }

            reader.ReadEndArray();
            return targets;
        }

        private static FirmwareFile[] ReadFiles(CborReader reader)
        {
            int at = reader.Offset;
            int count = FieldReader.DefiniteArray(reader, "files");
            if (count < 1 || count > MaxFiles)
            {
                throw new WireFormatException(WireError.TooManyItems, at, "manifest lists 1.." + MaxFiles.ToString() + " files");
            }

            FirmwareFile[] files = new FirmwareFile[count];
            for (int i = 0; i < count; i++)
            {
                int fileAt = reader.Offset;
                if (FieldReader.DefiniteArray(reader, "file") != 3)
                {
                    throw new WireFormatException(WireError.InvalidStructure, fileAt, "a file is [name, size, sha256]");
                }

                string name = FieldReader.Text(reader, 1, 64, "file name");
                long size = FieldReader.UInt(reader, 1, int.MaxValue, "file size");
                int hashAt = reader.Offset;
                byte[] sha256 = reader.ReadBytes();
                if (sha256.Length != Sha256Length)
                {
                    throw new WireFormatException(WireError.ValueOutOfRange, hashAt, "sha256 must be 32 bytes");
                }

                reader.ReadEndArray();
                files[i] = new FirmwareFile(name, size, sha256);
            }

            reader.ReadEndArray();
            return files;
        }
    }
}

using System.Text;

namespace NordicIoT.Provisioning;

/// <summary>Writes PEM files so that a reader never sees a half-written file and a key is never readable by others.</summary>
internal static class PemFileWriter
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode Public = OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>Writes a private key with mode 0600.</summary>
    public static void WriteKey(string path, string pem) => Write(path, pem, OwnerOnly);

    /// <summary>Writes a certificate with mode 0644.</summary>
    public static void WriteCertificate(string path, string pem) => Write(path, pem, Public);

    /// <summary>Writes a public binary file (a raw public key) with mode 0644.</summary>
    public static void WritePublicBytes(string path, byte[] bytes) => Write(path, stream => stream.Write(bytes), Public);

    private static void Write(string path, string pem, UnixFileMode mode) => Write(path, stream =>
    {
        using var writer = new StreamWriter(stream, new UTF8Encoding(false));
        writer.Write(pem);
        writer.Write('\n');
    }, mode);

    private static void Write(string path, Action<Stream> write, UnixFileMode mode)
    {
        // The mode is set when the file is created (not chmod afterwards) so the key is never briefly world-readable;
        // the rename then replaces any older file, which also drops that file's possibly wider mode.
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = mode;
        }

        try
        {
            using (var stream = new FileStream(temporary, options))
            {
                write(stream);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}

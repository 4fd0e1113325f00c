using System.Security.Cryptography;
using NordicIoT.Cloud.Storage;

namespace NordicIoT.Cloud.Firmware;

/// <summary>The key download tokens are made with: Firmware:DownloadTokenKey, or else a random key kept in the data folder (mode 0600) so that every process using that folder shares it.</summary>
public static class DownloadTokenKey
{
    /// <summary>The key file's name in the data folder.</summary>
    public const string FileName = "download-token.key";

    /// <summary>The configured key, or the data folder's (made now when missing).</summary>
    public static byte[] Load(FirmwareOptions options, DataFolder folder)
    {
        if (options.DownloadTokenKey is { } configured)
        {
            return Convert.FromBase64String(configured);
        }

        folder.Create();
        var path = Path.Combine(folder.Path, FileName);
        try
        {
            var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            var key = RandomNumberGenerator.GetBytes(DownloadTokens.MinKeyLength);
            using (var file = new FileStream(path, create))
            {
                file.Write(key);
            }

            return key;
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process made it first: use that one.
            return ReadExisting(path);
        }
    }

    private static byte[] ReadExisting(string path)
    {
        for (var attempt = 0; ; attempt++)
        {
            var key = File.ReadAllBytes(path);
            if (key.Length >= DownloadTokens.MinKeyLength)
            {
                return key;
            }

            // The other process may still be writing it.
            if (attempt >= 50)
            {
                throw new InvalidDataException($"{path} holds {key.Length} bytes, not a download token key of {DownloadTokens.MinKeyLength}; delete it to make a new one.");
            }

            Thread.Sleep(20);
        }
    }
}

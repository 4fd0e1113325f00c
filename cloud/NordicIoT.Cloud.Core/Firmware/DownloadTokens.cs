using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NordicIoT.Schemas.Messages;

namespace NordicIoT.Cloud.Firmware;

/// <summary>Issues and checks the short-lived download tokens carried in firmware offers: "ota1.{device}.{rollout}.{release}.{expiry}.{mac}", the MAC an HMAC-SHA256 under a key only the cloud holds.</summary>
/// <remarks>Checking needs no storage, so every process that shares the key checks tokens alike. The readable fields make a token easy to debug; they grant nothing without the MAC.</remarks>
public sealed class DownloadTokens
{
    /// <summary>Every token starts with this (and the version of its format).</summary>
    public const string Prefix = "ota1.";

    /// <summary>Shortest key accepted, bytes.</summary>
    public const int MinKeyLength = 32;

    private const int MacLength = 32;
    private readonly byte[] _key;

    /// <summary>Uses <paramref name="key"/> (at least <see cref="MinKeyLength"/> random bytes) for the MACs.</summary>
    public DownloadTokens(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length < MinKeyLength)
        {
            throw new ArgumentException($"a download token key needs at least {MinKeyLength} bytes, not {key.Length}", nameof(key));
        }

        _key = (byte[])key.Clone();
    }

    /// <summary>A token for <paramref name="grant"/>.</summary>
    public string Issue(DownloadGrant grant)
    {
        ArgumentNullException.ThrowIfNull(grant);
        if (!Topics.IsValidDeviceId(grant.DeviceId) || !FirmwareFileNames.IsValidId(grant.ReleaseId) || grant.RolloutId < 1)
        {
            throw new ArgumentException("a download grant needs a valid device id, a rollout id >= 1 and a release id", nameof(grant));
        }

        string body = Body(grant.DeviceId, grant.RolloutId, grant.ReleaseId, grant.ExpiresAt.ToUnixTimeSeconds());
        return body + "." + Base64Url.EncodeToString(Mac(body));
    }

    /// <summary>Reads and checks a token: null with <paramref name="problem"/> set when it is malformed, forged or expired at <paramref name="now"/>.</summary>
    public DownloadGrant? Check(string? token, DateTimeOffset now, out string problem)
    {
        string[] parts = token?.Split('.') ?? [];
        if (parts.Length != 6 || token!.StartsWith(Prefix, StringComparison.Ordinal) is false
            || !Topics.IsValidDeviceId(parts[1])
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out long rollout)
            || !FirmwareFileNames.IsValidId(parts[3])
            || !long.TryParse(parts[4], NumberStyles.None, CultureInfo.InvariantCulture, out long expiry))
        {
            problem = "The download token is malformed; use the token from the device's current firmware offer.";
            return null;
        }

        byte[] mac;
        try
        {
            mac = Base64Url.DecodeFromChars(parts[5]);
        }
        catch (FormatException)
        {
            mac = [];
        }

        string body = token[..token.LastIndexOf('.')];
        if (mac.Length != MacLength || !CryptographicOperations.FixedTimeEquals(mac, Mac(body)))
        {
            problem = "The download token was not issued by this cloud (its MAC does not match).";
            return null;
        }

        var expires = DateTimeOffset.FromUnixTimeSeconds(expiry);
        if (expires <= now)
        {
            problem = $"The download token expired at {expires:yyyy-MM-dd'T'HH:mm:ss'Z'}; the cloud republishes the offer with a fresh token before that, so take the token from the latest offer.";
            return null;
        }

        problem = "";
        return new DownloadGrant(parts[1], rollout, parts[3], expires);
    }

    private static string Body(string deviceId, long rolloutId, string releaseId, long expiry) =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}{deviceId}.{rolloutId}.{releaseId}.{expiry}");

    private byte[] Mac(string body) => HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(body));
}

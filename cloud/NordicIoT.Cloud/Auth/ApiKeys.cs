using System.Security.Cryptography;
using System.Text;
using NordicIoT.Cloud.Access;

namespace NordicIoT.Cloud.Auth;

/// <summary>Makes API keys and their hashes. A key is "nio_" + a public id, a dot, and 256 random bits; only its SHA-256 is stored.</summary>
public static class ApiKeys
{
    /// <summary>Every key and key id starts with this, so leaked keys are easy to recognise in logs and scanners.</summary>
    public const string Prefix = "nio_";

    private const string IdAlphabet = "abcdefghijkmnpqrstuvwxyz23456789";

    /// <summary>A new key (shown once) and the record to store for it.</summary>
    public static (string Key, ApiKeyRecord Record) Create(string name, ApiRole role, DateTimeOffset now)
    {
        var id = Prefix + RandomNumberGenerator.GetString(IdAlphabet, 12);
        var key = $"{id}.{Base64Url(RandomNumberGenerator.GetBytes(32))}";
        return (key, new ApiKeyRecord(id, name, role, Hash(key), now));
    }

    /// <summary>The stored form of a key: lower-case hex SHA-256 of its UTF-8 bytes.</summary>
    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

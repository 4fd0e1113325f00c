using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace NordicIoT.Cloud.Rollouts;

/// <summary>Stable percentage sampling: each device gets a fixed place in 0..9999 from a hash of the release seed and its id, and a stage of p% takes the devices placed below p * 100. Raising the percentage only adds devices; a device never drops out.</summary>
/// <remarks>Seeding with the release (not the rollout) keeps the same devices first when a rollout of that release is cancelled and started again.</remarks>
public static class RolloutSampling
{
    /// <summary>Places per percent.</summary>
    public const int Resolution = 100;

    /// <summary>The device's place, 0..9999.</summary>
    public static int Place(string seed, string deviceId)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(seed + "\n" + deviceId), hash);
        return (int)(BinaryPrimitives.ReadUInt64BigEndian(hash) % (100 * Resolution));
    }

    /// <summary>True when a stage of <paramref name="percent"/> includes the device.</summary>
    public static bool Includes(string seed, string deviceId, int percent) => Place(seed, deviceId) < percent * Resolution;
}

using NordicIoT.Device.Platform;

namespace NordicIoT.Device.Tests.Fakes;

/// <summary>Jitter pinned by the test: always the lowest or always the highest value allowed.</summary>
public sealed class FixedRandom(bool highest) : IRandomSource
{
    /// <summary>Always 0: backoff waits its floor.</summary>
    public static FixedRandom Lowest => new(false);

    /// <summary>Always the top of the range: backoff waits its full ceiling.</summary>
    public static FixedRandom Highest => new(true);

    public int Next(int maxExclusive) => highest ? maxExclusive - 1 : 0;
}

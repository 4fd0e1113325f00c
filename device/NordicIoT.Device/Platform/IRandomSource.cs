namespace NordicIoT.Device.Platform
{
    /// <summary>Random numbers for jitter, behind an interface so tests can pin them.</summary>
    public interface IRandomSource
    {
        /// <summary>A number from 0 up to, not including, <paramref name="maxExclusive"/> (which is at least 1).</summary>
        int Next(int maxExclusive);
    }
}

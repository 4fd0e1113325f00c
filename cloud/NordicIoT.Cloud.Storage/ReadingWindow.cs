namespace NordicIoT.Cloud.Storage;

/// <summary>A query window [from, to) in the whole Unix seconds readings are stamped with.</summary>
/// <param name="From">First second inside the window.</param>
/// <param name="To">First second after the window.</param>
public readonly record struct ReadingWindow(long From, long To)
{
    /// <summary>The seconds t with <paramref name="from"/> &lt;= t &lt; <paramref name="to"/>: both bounds round up to whole seconds.</summary>
    public static ReadingWindow Of(DateTimeOffset from, DateTimeOffset to) => new(CeilingSeconds(from), CeilingSeconds(to));

    private static long CeilingSeconds(DateTimeOffset time)
    {
        long ticks = time.UtcTicks - DateTimeOffset.UnixEpoch.Ticks;
        return ticks >= 0 ? (ticks + TimeSpan.TicksPerSecond - 1) / TimeSpan.TicksPerSecond : -(-ticks / TimeSpan.TicksPerSecond);
    }
}

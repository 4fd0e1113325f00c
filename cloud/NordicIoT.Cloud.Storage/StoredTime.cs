namespace NordicIoT.Cloud.Storage;

/// <summary>How engines store instants: UTC ticks, exact to 100 ns, sortable as numbers. The offset is not kept; instants come back in UTC.</summary>
public static class StoredTime
{
    /// <summary>The stored form of <paramref name="time"/>.</summary>
    public static long ToTicks(DateTimeOffset time) => time.UtcTicks;

    /// <summary>The instant a stored value stands for, in UTC.</summary>
    public static DateTimeOffset FromTicks(long ticks) => new(ticks, TimeSpan.Zero);
}

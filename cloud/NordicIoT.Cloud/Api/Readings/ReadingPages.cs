using System.Runtime.CompilerServices;
using NordicIoT.Cloud.Readings;

namespace NordicIoT.Cloud.Api.Readings;

/// <summary>Reads a whole window page by page, so a long window never holds all its readings in memory at once.</summary>
public static class ReadingPages
{
    /// <summary>Readings asked of the store at a time.</summary>
    public const int PageSize = 5000;

    /// <summary>Every reading of <paramref name="sensor"/> with from &lt;= time &lt; to, oldest first.</summary>
    public static async IAsyncEnumerable<Reading> ReadAsync(
        IReadingStore store, string deviceId, int sensor, DateTimeOffset from, DateTimeOffset to, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var start = from;
        while (start < to)
        {
            var page = await store.QueryAsync(deviceId, sensor, start, to, PageSize, cancellationToken).ConfigureAwait(false);
            foreach (var reading in page)
            {
                yield return reading;
            }

            if (page.Count < PageSize)
            {
                yield break;
            }

            // Readings carry whole seconds and each (sensor, time) is stored once, so the next page starts a second later.
            start = page[^1].Time.AddSeconds(1);
        }
    }
}

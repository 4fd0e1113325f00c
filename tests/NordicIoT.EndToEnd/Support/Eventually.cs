using System.Diagnostics;

namespace NordicIoT.EndToEnd.Support;

/// <summary>Waits for something that happens asynchronously across processes (a message ingested, a port answering).</summary>
public static class Eventually
{
    /// <summary>Polls <paramref name="condition"/> until it holds; fails with <paramref name="what"/> after <paramref name="timeout"/>.</summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < timeout, $"Not within {timeout.TotalSeconds:0} s: {what()}");
            await Task.Delay(100);
        }
    }
}

namespace NordicIoT.Dashboard.Tests.Support;

/// <summary>Waits for something that happens in the background; the limit guards against hangs, it is not a speed check.</summary>
public static class Eventually
{
    /// <summary>How long a condition may take.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>Polls <paramref name="condition"/> until it holds; fails with <paramref name="because"/> after <see cref="Patience"/>.</summary>
    public static async Task HoldsAsync(Func<Task<bool>> condition, string because)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, because);
            await Task.Delay(50);
        }
    }
}

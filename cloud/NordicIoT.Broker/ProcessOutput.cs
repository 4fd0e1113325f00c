namespace NordicIoT.Broker;

/// <summary>The last lines a child process wrote to stdout/stderr (config errors appear there before the log file opens).</summary>
internal sealed class ProcessOutput(int capacity)
{
    private readonly Queue<string> _lines = new();

    /// <summary>Keeps <paramref name="line"/>, dropping the oldest beyond the capacity; null (end of stream) is ignored.</summary>
    public void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lines)
        {
            _lines.Enqueue(line);
            if (_lines.Count > capacity)
            {
                _lines.Dequeue();
            }
        }
    }

    /// <summary>The kept lines joined by newlines.</summary>
    public string Text()
    {
        lock (_lines)
        {
            return string.Join('\n', _lines);
        }
    }
}

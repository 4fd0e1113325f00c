namespace NordicIoT.Mqtt.Connection;

/// <summary>The QoS 1 publishes awaiting PUBACK, bounded: a publish beyond the limit waits until an acknowledgement frees a slot.</summary>
internal sealed class InflightWindow(int capacity, PacketIdPool ids)
{
    private readonly SemaphoreSlim _slots = new(capacity, capacity);
    private readonly Dictionary<ushort, TaskCompletionSource> _waiting = [];
    private Exception? _failure;

    /// <summary>Waits for a free slot and reserves a packet id; the task completes when that id is acknowledged.</summary>
    public async Task<(ushort PacketId, Task Acknowledged)> EnterAsync(CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        lock (_waiting)
        {
            if (_failure is not null)
            {
                _slots.Release();
                throw _failure;
            }

            var id = ids.Rent();
            var acknowledged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting.Add(id, acknowledged);
            return (id, acknowledged.Task);
        }
    }

    /// <summary>Completes the publish with this id; false when no publish was waiting for it (a stray or repeated PUBACK).</summary>
    public bool Acknowledge(ushort id)
    {
        TaskCompletionSource? acknowledged;
        lock (_waiting)
        {
            if (!_waiting.Remove(id, out acknowledged))
            {
                return false;
            }
        }

        ids.Return(id);
        _slots.Release();
        acknowledged.TrySetResult();
        return true;
    }

    /// <summary>Frees the slot of a publish that was never sent (the caller gave up before it was written).</summary>
    public void Abandon(ushort id)
    {
        TaskCompletionSource? acknowledged;
        lock (_waiting)
        {
            if (!_waiting.Remove(id, out acknowledged))
            {
                return;
            }
        }

        ids.Return(id);
        _slots.Release();
        acknowledged.TrySetCanceled();
    }

    /// <summary>Fails every waiting publish and every later <see cref="EnterAsync"/> with <paramref name="failure"/>.</summary>
    public void FailAll(Exception failure)
    {
        TaskCompletionSource[] waiting;
        lock (_waiting)
        {
            _failure = failure;
            waiting = [.. _waiting.Values];
            _waiting.Clear();
        }

        foreach (var acknowledged in waiting)
        {
            acknowledged.TrySetException(failure);
            // Reading Exception marks it observed: a caller that only used the PublishAcknowledged event never awaits this task.
            _ = acknowledged.Task.Exception;
        }
    }
}

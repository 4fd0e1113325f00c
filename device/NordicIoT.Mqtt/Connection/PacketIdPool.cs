namespace NordicIoT.Mqtt.Connection;

/// <summary>Hands out packet ids 1..65535 that are not in use by an unacknowledged PUBLISH or SUBSCRIBE.</summary>
internal sealed class PacketIdPool
{
    private readonly HashSet<ushort> _inUse = [];
    private ushort _last;

    /// <summary>The next free id after the last one handed out (ids are reused only after a full cycle).</summary>
    public ushort Rent()
    {
        lock (_inUse)
        {
            for (var tries = 0; tries < ushort.MaxValue; tries++)
            {
                _last = _last == ushort.MaxValue ? (ushort)1 : (ushort)(_last + 1);
                if (_inUse.Add(_last))
                {
                    return _last;
                }
            }
        }

        throw new MqttException("All 65535 packet ids are waiting for the broker's answer.");
    }

    /// <summary>Makes <paramref name="id"/> available again once its acknowledgement arrived.</summary>
    public void Return(ushort id)
    {
        lock (_inUse)
        {
            _inUse.Remove(id);
        }
    }
}

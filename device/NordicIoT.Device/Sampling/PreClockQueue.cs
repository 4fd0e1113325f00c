using NordicIoT.Device.Storage;
using NordicIoT.Schemas.Messages;

namespace NordicIoT.Device.Sampling
{
    /// <summary>Readings taken before wall time is known, held in RAM with their uptime until they can be stamped.</summary>
    /// <remarks>
    /// A ring of <see cref="Capacity"/> readings: when full, the oldest is dropped and counted, so losing data is
    /// never silent. The queue lives in RAM only; a reboot before the clock is set loses what it holds.
    /// </remarks>
    public sealed class PreClockQueue
    {
        /// <summary>Readings held at most.</summary>
        public const int Capacity = 64;

        private readonly int[] _sensors = new int[Capacity];
        private readonly long[] _uptimes = new long[Capacity];
        private readonly int[] _values = new int[Capacity * SensorKind.MaxDimensions];
        private int _first;

        /// <summary>Readings waiting for the clock.</summary>
        public int Count { get; private set; }

        /// <summary>Readings dropped because the queue was full, since boot.</summary>
        public long Dropped { get; private set; }

        /// <summary>Holds a reading taken at <paramref name="uptimeMilliseconds"/>; drops the oldest when full.</summary>
        public void Add(int sensor, long uptimeMilliseconds, int[] values, int offset)
        {
            if (Count == Capacity)
            {
                _first = (_first + 1) % Capacity;
                Count--;
                Dropped++;
            }

            int slot = (_first + Count) % Capacity;
            _sensors[slot] = sensor;
            _uptimes[slot] = uptimeMilliseconds;
            int dims = SensorKind.Dimensions(sensor);
            int at = slot * SensorKind.MaxDimensions;
            for (int k = 0; k < dims; k++)
            {
                _values[at + k] = values[offset + k];
            }

            Count++;
        }

        /// <summary>Stamps every held reading relative to now (<paramref name="nowSeconds"/> at <paramref name="nowUptimeMilliseconds"/>) and appends it to the buffer, oldest first.</summary>
        public void MoveTo(ReadingBuffer buffer, long nowSeconds, long nowUptimeMilliseconds)
        {
            while (Count > 0)
            {
                long time = nowSeconds - ((nowUptimeMilliseconds - _uptimes[_first]) / 1000);
                buffer.Append(_sensors[_first], time, _values, _first * SensorKind.MaxDimensions);
                _first = (_first + 1) % Capacity;
                Count--;
            }
        }
    }
}

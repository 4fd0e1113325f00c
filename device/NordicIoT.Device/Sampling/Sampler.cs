using System;
using NordicIoT.Device.Platform;
using NordicIoT.Device.Storage;
using NordicIoT.Schemas.Messages;

namespace NordicIoT.Device.Sampling
{
    /// <summary>Reads each enabled sensor on its own interval from the configuration and buffers the readings, stamped when taken.</summary>
    /// <remarks>
    /// Schedules run on uptime, so setting the wall clock does not make sensors skip or repeat. Before the clock is
    /// valid, readings wait in a <see cref="PreClockQueue"/> and are stamped and buffered once it is.
    /// </remarks>
    public sealed class Sampler
    {
        /// <summary>The value of <see cref="NextDue"/> when no sensor is enabled.</summary>
        public const long Never = long.MaxValue;

        private readonly ISensor[] _sensors;
        private readonly int[] _intervals;
        private readonly long[] _nextDue;
        private readonly int[] _values = new int[SensorKind.MaxDimensions];
        private readonly int[] _latest;
        private readonly bool[] _hasLatest;
        private readonly long[] _lastReadAt;
        private readonly IClock _clock;
        private readonly ReadingBuffer _buffer;
        private readonly DeviceConfig _config;
        private readonly PreClockQueue _early = new PreClockQueue();

        /// <summary>Samples <paramref name="sensors"/> (distinct, valid ids) into <paramref name="buffer"/> as <paramref name="config"/> says.</summary>
        public Sampler(ISensor[] sensors, IClock clock, ReadingBuffer buffer, DeviceConfig config)
        {
            CheckSensors(sensors);
            _sensors = sensors;
            _intervals = new int[sensors.Length];
            _nextDue = new long[sensors.Length];
            _latest = new int[sensors.Length * SensorKind.MaxDimensions];
            _hasLatest = new bool[sensors.Length];
            _lastReadAt = new long[sensors.Length];
            for (int i = 0; i < sensors.Length; i++)
            {
                _nextDue[i] = Never;
                _lastReadAt[i] = -1;
            }

            _clock = clock;
            _buffer = buffer;
            _config = config;
        }

        /// <summary>Uptime (ms) at which the next sensor is due, or <see cref="Never"/>.</summary>
        public long NextDue
        {
            get
            {
                long next = Never;
                for (int i = 0; i < _nextDue.Length; i++)
                {
                    if (_nextDue[i] < next)
                    {
                        next = _nextDue[i];
                    }
                }

                return next;
            }
        }

        /// <summary>Readings waiting for the clock.</summary>
        public int WaitingForClock
        {
            get { return _early.Count; }
        }

        /// <summary>Readings lost because too many were taken before the clock was valid, since boot.</summary>
        public long DroppedBeforeClock
        {
            get { return _early.Dropped; }
        }

        /// <summary>Sensor reads that failed, since boot.</summary>
        public long FailedReads { get; private set; }

        /// <summary>Takes the intervals of the configuration: a sensor whose interval changed is next read one new interval after its last reading, or at once when that time has passed or it was never read.</summary>
        /// <remarks>Not simply "at once": a configuration arriving right after a reading would give two readings of one sensor in the same second, which the cloud stores as one.</remarks>
        public void ApplyConfig(long now)
        {
            for (int i = 0; i < _sensors.Length; i++)
            {
                int interval = _config.SampleInterval(_sensors[i].SensorId);
                if (interval == _intervals[i])
                {
                    continue;
                }

                long next = now;
                if (_lastReadAt[i] >= 0 && _lastReadAt[i] + (interval * 1000L) > now)
                {
                    next = _lastReadAt[i] + (interval * 1000L);
                }

                _intervals[i] = interval;
                _nextDue[i] = interval > 0 ? next : Never;
            }
        }

        /// <summary>Reads every sensor that is due at uptime <paramref name="now"/>; true when a reading asks for an uplink now (live mode, or outside its threshold).</summary>
        public bool SampleDue(long now)
        {
            if (_early.Count > 0 && _clock.IsValid)
            {
                _early.MoveTo(_buffer, _clock.UnixSeconds, _clock.UptimeMilliseconds);
            }

            bool uplinkNow = false;
            for (int i = 0; i < _sensors.Length; i++)
            {
                if (_nextDue[i] > now)
                {
                    continue;
                }

                long period = _intervals[i] * 1000L;
                _nextDue[i] += period;
                if (_nextDue[i] < now + period)
                {
                    // Late: the next read is a whole period after this one, never sooner. Catching up would put two
                    // readings of a 1 s sensor in the same second, which the cloud keeps one of (its identity is the
                    // second), and after a long stall it would sample in a burst.
                    _nextDue[i] = now + period;
                }

                _lastReadAt[i] = now;
                if (Sample(i))
                {
                    uplinkNow |= _config.Mode == DeviceMode.Live || IsOutsideThreshold(_sensors[i].SensorId);
                }
            }

            return uplinkNow;
        }

        /// <summary>Current values of the sensor with this id: its latest reading when it is sampled, else a read now; false when there is none or the read failed.</summary>
        public bool TryGetCurrent(int sensorId, int[] values)
        {
            for (int i = 0; i < _sensors.Length; i++)
            {
                if (_sensors[i].SensorId != sensorId)
                {
                    continue;
                }

                if (_intervals[i] == 0 || !_hasLatest[i])
                {
                    return TryRead(_sensors[i], values);
                }

                int dims = SensorKind.Dimensions(sensorId);
                for (int k = 0; k < dims; k++)
                {
                    values[k] = _latest[(i * SensorKind.MaxDimensions) + k];
                }

                return true;
            }

            return false;
        }

        private bool Sample(int index)
        {
            ISensor sensor = _sensors[index];
            if (!TryRead(sensor, _values))
            {
                return false;
            }

            int id = sensor.SensorId;
            int dims = SensorKind.Dimensions(id);
            for (int k = 0; k < dims; k++)
            {
                _latest[(index * SensorKind.MaxDimensions) + k] = _values[k];
            }

            _hasLatest[index] = true;
            if (_clock.IsValid)
            {
                _buffer.Append(id, _clock.UnixSeconds, _values, 0);
            }
            else
            {
                _early.Add(id, _clock.UptimeMilliseconds, _values, 0);
            }

            return true;
        }

        // A failing driver must not stop the other sensors or the uplink: count it and carry on.
        private bool TryRead(ISensor sensor, int[] values)
        {
            bool read;
            try
            {
                read = sensor.TryRead(values, 0);
            }
            catch (Exception)
            {
                read = false;
            }

            if (!read)
            {
                FailedReads++;
            }

            return read;
        }

        private bool IsOutsideThreshold(int sensorId)
        {
            return SensorKind.Dimensions(sensorId) == 1 && _config.IsOutsideThreshold(sensorId, _values[0]);
        }

        private static void CheckSensors(ISensor[] sensors)
        {
            if (sensors == null)
            {
                throw new ArgumentNullException(nameof(sensors));
            }

            for (int i = 0; i < sensors.Length; i++)
            {
                if (sensors[i] == null)
                {
                    throw new ArgumentException("sensor " + i.ToString() + " is null");
                }

                int id = sensors[i].SensorId;
                if (!SensorKind.IsValid(id))
                {
                    throw new ArgumentException("sensor id " + id.ToString() + " is not defined by the wire format");
                }

                for (int k = 0; k < i; k++)
                {
                    if (sensors[k].SensorId == id)
                    {
                        throw new ArgumentException("two sensors have id " + id.ToString() + " (" + SensorKind.Name(id) + ")");
                    }
                }
            }
        }
    }
}

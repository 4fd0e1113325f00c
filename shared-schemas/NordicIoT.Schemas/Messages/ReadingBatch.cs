using NordicIoT.Schemas.Cbor;

namespace NordicIoT.Schemas.Messages
{
    /// <summary>Readings of several sensors held in preallocated parallel arrays, so filling and encoding one allocates nothing.</summary>
    /// <remarks>
    /// Reading i is taken by sensor <see cref="Sensors"/>[i] at <see cref="Times"/>[i] (Unix seconds) and has
    /// <see cref="SensorKind.Dimensions"/> values starting at <see cref="Values"/>[<see cref="ValueStarts"/>[i]].
    /// </remarks>
    public sealed class ReadingBatch
    {
        /// <summary>Creates a batch for up to <paramref name="capacity"/> readings and <paramref name="valueCapacity"/> values in all.</summary>
        public ReadingBatch(int capacity, int valueCapacity)
        {
            Sensors = new int[capacity];
            Times = new long[capacity];
            ValueStarts = new int[capacity];
            Values = new int[valueCapacity];
        }

        /// <summary>Sensor id of each reading.</summary>
        public int[] Sensors { get; }

        /// <summary>Time of each reading, Unix seconds.</summary>
        public long[] Times { get; }

        /// <summary>Index in <see cref="Values"/> of each reading's first value.</summary>
        public int[] ValueStarts { get; }

        /// <summary>All readings' values, fixed-point, back to back.</summary>
        public int[] Values { get; }

        /// <summary>Readings held.</summary>
        public int Count { get; private set; }

        /// <summary>Values held.</summary>
        public int ValueCount { get; private set; }

        /// <summary>Readings this batch can hold.</summary>
        public int Capacity
        {
            get { return Sensors.Length; }
        }

        /// <summary>Empties the batch, keeping its arrays.</summary>
        public void Clear()
        {
            Count = 0;
            ValueCount = 0;
        }

        /// <summary>True when one more reading of <paramref name="sensor"/> fits.</summary>
        public bool HasRoomFor(int sensor)
        {
            return Count < Sensors.Length && ValueCount + SensorKind.Dimensions(sensor) <= Values.Length;
        }

        /// <summary>Adds a one-value reading.</summary>
        public void Add(int sensor, long time, int value)
        {
            int start = Reserve(sensor, time, 1);
            Values[start] = value;
        }

        /// <summary>Adds a reading whose values are <paramref name="values"/>[offset .. offset + dimensions of the sensor).</summary>
        public void Add(int sensor, long time, int[] values, int offset)
        {
            int dims = SensorKind.Dimensions(sensor);
            int start = Reserve(sensor, time, dims);
            for (int k = 0; k < dims; k++)
            {
                Values[start + k] = values[offset + k];
            }
        }

        /// <summary>The first value of reading <paramref name="index"/> (the only one for one-value sensors).</summary>
        public int ValueOf(int index)
        {
            return Values[ValueStarts[index]];
        }

        /// <summary>Appends the header of a reading and returns where its values go; the decoder fills them in place.</summary>
        internal int Reserve(int sensor, long time, int dims)
        {
            if (!SensorKind.IsValid(sensor))
            {
                throw new WireFormatException(WireError.ValueOutOfRange, 0, "sensor id " + sensor.ToString() + " is not defined");
            }

            if (Count == Sensors.Length || ValueCount + dims > Values.Length)
            {
                throw new WireFormatException(WireError.TooManyItems, 0, "batch holds at most " + Sensors.Length.ToString() + " readings");
            }

            int start = ValueCount;
            Sensors[Count] = sensor;
            Times[Count] = time;
            ValueStarts[Count] = start;
            Count++;
            ValueCount += dims;
            return start;
        }
    }
}

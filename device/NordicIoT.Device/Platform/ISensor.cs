namespace NordicIoT.Device.Platform
{
    /// <summary>One sensor: its wire-format id and a read that fills its fixed-point values.</summary>
    public interface ISensor
    {
        /// <summary>Sensor id from <see cref="NordicIoT.Schemas.Messages.SensorKind"/>; it also says how many values a reading has.</summary>
        int SensorId { get; }

        /// <summary>Reads the sensor into <paramref name="values"/>[offset ..], one value per dimension of the sensor; false when the read failed.</summary>
        bool TryRead(int[] values, int offset);
    }
}

using System;
using System.Device.I2c;
using Iot.Device.Bmxx80;
using Iot.Device.Bmxx80.ReadResult;
using NordicIoT.Device.Platform;
using NordicIoT.Schemas.Messages;

namespace NordicIoT.Device.App.Board
{
    /// <summary>A BME280 on I2C as the three sensors temperature (0.01 °C), humidity (0.01 %RH) and pressure (Pa).</summary>
    /// <remarks>
    /// The sampler reads sensors that fall due together one after the other, so one forced measurement (a few ms)
    /// serves all three when they ask within <see cref="ReuseMilliseconds"/>. The chip is opened on first use and again
    /// after an I2C error, so a sensor plugged in late or a loose wire only fails the readings taken meanwhile.
    /// </remarks>
    public sealed class Bme280Sensors
    {
        /// <summary>How long one measurement answers reads of the other two sensors, ms.</summary>
        public const int ReuseMilliseconds = 1000;

        private readonly int _bus;
        private readonly int _address;
        private readonly IClock _clock;
        private Bme280 _chip;
        private bool _measured;
        private long _measuredAt;
        private bool _temperatureValid;
        private bool _humidityValid;
        private bool _pressureValid;
        private int _centiCelsius;
        private int _centiPercent;
        private int _pascals;

        /// <summary>The chip at <paramref name="address"/> on I2C controller <paramref name="bus"/>, whose pins must already be routed.</summary>
        public Bme280Sensors(int bus, int address, IClock clock)
        {
            _bus = bus;
            _address = address;
            _clock = clock;
            Temperature = new Channel(this, SensorKind.Temperature);
            Humidity = new Channel(this, SensorKind.Humidity);
            Pressure = new Channel(this, SensorKind.Pressure);
        }

        /// <summary>Air temperature, 0.01 °C.</summary>
        public ISensor Temperature { get; }

        /// <summary>Relative humidity, 0.01 %RH.</summary>
        public ISensor Humidity { get; }

        /// <summary>Air pressure, Pa.</summary>
        public ISensor Pressure { get; }

        private bool TryRead(int sensorId, int[] values, int offset)
        {
            long now = _clock.UptimeMilliseconds;
            if (!_measured || now - _measuredAt >= ReuseMilliseconds)
            {
                Measure(now);
            }

            switch (sensorId)
            {
                case SensorKind.Temperature:
                    values[offset] = _centiCelsius;
                    return _temperatureValid;
                case SensorKind.Humidity:
                    values[offset] = _centiPercent;
                    return _humidityValid;
                default:
                    values[offset] = _pascals;
                    return _pressureValid;
            }
        }

        private void Measure(long now)
        {
            _measured = true;
            _measuredAt = now;
            _temperatureValid = false;
            _humidityValid = false;
            _pressureValid = false;
            try
            {
                if (_chip == null)
                {
                    _chip = new Bme280(I2cDevice.Create(new I2cConnectionSettings(_bus, _address)));
                }

                // Read() triggers a forced measurement and waits for it, so the chip sleeps between samples.
                Bme280ReadResult result = _chip.Read();
                if (result.TemperatureIsValid)
                {
                    _centiCelsius = (int)Math.Round(result.Temperature.DegreesCelsius * 100);
                    _temperatureValid = true;
                }

                if (result.HumidityIsValid)
                {
                    _centiPercent = (int)Math.Round(result.Humidity.Percent * 100);
                    _humidityValid = true;
                }

                if (result.PressureIsValid)
                {
                    _pascals = (int)Math.Round(result.Pressure.Pascals);
                    _pressureValid = true;
                }
            }
            catch (Exception)
            {
                // No chip at the address or a bus error: these readings fail and the next measurement opens it again.
                Close();
            }
        }

        private void Close()
        {
            if (_chip != null)
            {
                _chip.Dispose();
                _chip = null;
            }
        }

        private sealed class Channel : ISensor
        {
            private readonly Bme280Sensors _owner;

            public Channel(Bme280Sensors owner, int sensorId)
            {
                _owner = owner;
                SensorId = sensorId;
            }

            public int SensorId { get; }

            public bool TryRead(int[] values, int offset)
            {
                return _owner.TryRead(SensorId, values, offset);
            }
        }
    }
}

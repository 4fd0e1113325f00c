using System;
using System.Device.Adc;
using NordicIoT.Device.Platform;
using NordicIoT.Schemas.Messages;

namespace NordicIoT.Device.App.Board
{
    /// <summary>Battery voltage in mV, read on an ADC channel behind a resistor divider.</summary>
    public sealed class BatterySensor : ISensor
    {
        // The ESP32 ADC is noisy (tens of mV between conversions): a reading averages several.
        private const int ConversionsPerReading = 16;

        // nanoFramework sets the 11 dB range only on ADC1 channels 0..7, and ADC2 stops working while Wi-Fi is on.
        private const int LastUsableChannel = 7;

        private readonly AdcChannel _channel;
        private readonly double _millivoltsPerCount;

        /// <summary>Opens ADC channel <paramref name="channel"/> (0..7) where the divider ratio <paramref name="dividerRatio"/> (at least 1) scales the battery down.</summary>
        public BatterySensor(int channel, double dividerRatio, int fullScaleMillivolts)
        {
            if (channel < 0 || channel > LastUsableChannel)
            {
                throw new ArgumentOutOfRangeException(nameof(channel), "battery ADC channel " + channel.ToString() + " is not one of ADC1's channels 0.." + LastUsableChannel.ToString());
            }

            if (dividerRatio < 1 || fullScaleMillivolts <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(dividerRatio), "the divider ratio must be at least 1 and the ADC full scale positive");
            }

            var adc = new AdcController();
            _channel = adc.OpenChannel(channel);
            _millivoltsPerCount = fullScaleMillivolts * dividerRatio / adc.MaxValue;
        }

        /// <inheritdoc/>
        public int SensorId
        {
            get { return SensorKind.Battery; }
        }

        /// <inheritdoc/>
        public bool TryRead(int[] values, int offset)
        {
            long sum = 0;
            try
            {
                for (int i = 0; i < ConversionsPerReading; i++)
                {
                    sum += _channel.ReadValue();
                }
            }
            catch (Exception)
            {
                return false;
            }

            values[offset] = (int)Math.Round(sum * _millivoltsPerCount / ConversionsPerReading);
            return true;
        }
    }
}

namespace NordicIoT.Device.App.Boards
{
    /// <summary>A board the app runs on: its pins, bus addresses and budgets, the same values as its profile hardware/{Id}.json.</summary>
    /// <remarks>
    /// Plain data without nanoFramework APIs, so the host tests compile these classes too and check them against the
    /// JSON profiles. Each board sets every value in its constructor; nothing overwrites a pin later.
    /// </remarks>
    public abstract class BoardProfile
    {
        /// <summary>Stands for a pin or channel the board does not have.</summary>
        public const int None = -1;

        /// <summary>Profile id, the file name of its profile in hardware/ and the "board" value in I:\device.json.</summary>
        public string Id { get; protected set; } = string.Empty;

        /// <summary>The nanoff firmware target (nanoff --target), also reported as the device's board.</summary>
        public string NanoffTarget { get; protected set; } = string.Empty;

        /// <summary>The link the board uplinks over.</summary>
        public NetworkKind Network { get; protected set; }

        /// <summary>Flash size, bytes.</summary>
        public int FlashBytes { get; protected set; }

        /// <summary>Size of the I:\ file system (the config partition), bytes.</summary>
        public int StorageBytes { get; protected set; }

        /// <summary>Flash the reading buffer may use on I:\, bytes.</summary>
        public int ReadingBufferBytes { get; protected set; }

        /// <summary>Readings one batch holds before it is encoded; each costs about 24 bytes of RAM.</summary>
        public int MaxReadingsPerBatch { get; protected set; }

        /// <summary>I2C controller the sensors are on (1 or 2).</summary>
        public int I2cBus { get; protected set; }

        /// <summary>GPIO of the I2C data line.</summary>
        public int I2cDataPin { get; protected set; }

        /// <summary>GPIO of the I2C clock line.</summary>
        public int I2cClockPin { get; protected set; }

        /// <summary>7-bit I2C address of the BME280 (0x76 with SDO low, 0x77 with SDO high).</summary>
        public int Bme280Address { get; protected set; }

        /// <summary>nanoFramework ADC channel that reads the battery divider (0..7 are ADC1), or <see cref="None"/>.</summary>
        public int BatteryAdcChannel { get; protected set; } = None;

        /// <summary>GPIO behind <see cref="BatteryAdcChannel"/>, or <see cref="None"/>; fixed by the chip, listed for wiring.</summary>
        public int BatteryAdcPin { get; protected set; } = None;

        /// <summary>Battery voltage over ADC input voltage (2.0 for two equal resistors).</summary>
        public double BatteryDividerRatio { get; protected set; }

        /// <summary>ADC input voltage at the largest reading, mV (ESP32 ADC at 11 dB attenuation, as nanoFramework sets it).</summary>
        public int AdcFullScaleMillivolts { get; protected set; }

        /// <summary>GPIO the ESP32 receives the modem's UART on, or <see cref="None"/>.</summary>
        public int ModemUartRxPin { get; protected set; } = None;

        /// <summary>GPIO the ESP32 sends to the modem's UART on, or <see cref="None"/>.</summary>
        public int ModemUartTxPin { get; protected set; } = None;

        /// <summary>GPIO driving the modem's PWRKEY, or <see cref="None"/>.</summary>
        public int ModemPowerKeyPin { get; protected set; } = None;

        /// <summary>GPIO driving the modem's DTR (sleep control), or <see cref="None"/>.</summary>
        public int ModemDtrPin { get; protected set; } = None;

        /// <summary>GPIO the modem's RI (ring indicator) arrives on, or <see cref="None"/>.</summary>
        public int ModemRingPin { get; protected set; } = None;

        /// <summary>True when a battery divider is wired to an ADC channel.</summary>
        public bool HasBatteryAdc
        {
            get { return BatteryAdcChannel != None; }
        }
    }
}

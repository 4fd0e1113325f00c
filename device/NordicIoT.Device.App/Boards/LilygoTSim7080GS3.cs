namespace NordicIoT.Device.App.Boards
{
    /// <summary>LilyGO T-SIM7080G-S3 (ESP32-S3, 16 MB flash, 8 MB octal PSRAM) with a SIMCom SIM7080G LTE-M/NB-IoT modem.</summary>
    /// <remarks>
    /// The app does not drive the modem yet (the cellular transport is a later step), so it refuses to start on this
    /// board. The battery is measured by the AXP2101 power manager on the I2C bus (address 0x34), not by an ADC pin.
    /// </remarks>
    public sealed class LilygoTSim7080GS3 : BoardProfile
    {
        /// <summary>Profile id: hardware/lilygo-t-sim7080g-s3.json.</summary>
        public const string ProfileId = "lilygo-t-sim7080g-s3";

        /// <summary>Sets the board's values.</summary>
        public LilygoTSim7080GS3()
        {
            Id = ProfileId;
            NanoffTarget = "ESP32_S3_OCTAL";
            Network = NetworkKind.LteM;
            FlashBytes = 16 * 1024 * 1024;
            StorageBytes = 3 * 1024 * 1024;
            ReadingBufferBytes = 1024 * 1024;
            MaxReadingsPerBatch = 1024;

            // The bus the board's AXP2101 is on; an external BME280 shares it.
            I2cBus = 1;
            I2cDataPin = 15;
            I2cClockPin = 7;
            Bme280Address = 0x76;

            ModemUartRxPin = 4;
            ModemUartTxPin = 5;
            ModemPowerKeyPin = 41;
            ModemDtrPin = 42;
            ModemRingPin = 3;
        }
    }
}

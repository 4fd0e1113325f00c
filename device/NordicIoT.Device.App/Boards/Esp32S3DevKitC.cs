namespace NordicIoT.Device.App.Boards
{
    /// <summary>Espressif ESP32-S3-DevKitC-1-N8R2 (8 MB flash, 2 MB quad PSRAM) on Wi-Fi, with a BME280 breakout and a battery divider.</summary>
    /// <remarks>The N8R8 and N16R8 variants have octal PSRAM: flash them with the ESP32_S3_OCTAL target instead.</remarks>
    public sealed class Esp32S3DevKitC : BoardProfile
    {
        /// <summary>Profile id: hardware/esp32-s3-devkitc.json.</summary>
        public const string ProfileId = "esp32-s3-devkitc";

        /// <summary>Sets the board's values.</summary>
        public Esp32S3DevKitC()
        {
            Id = ProfileId;
            NanoffTarget = "ESP32_S3_QUAD";
            Network = NetworkKind.WiFi;
            FlashBytes = 8 * 1024 * 1024;
            StorageBytes = 2 * 1024 * 1024;
            ReadingBufferBytes = 512 * 1024;
            MaxReadingsPerBatch = 1024;

            I2cBus = 1;
            I2cDataPin = 8;
            I2cClockPin = 9;
            Bme280Address = 0x76;

            // Two 100 kΩ resistors from the battery to GND, the middle on GPIO4 (ADC1 channel 3 on the S3).
            BatteryAdcChannel = 3;
            BatteryAdcPin = 4;
            BatteryDividerRatio = 2.0;
            AdcFullScaleMillivolts = 3100;
        }
    }
}

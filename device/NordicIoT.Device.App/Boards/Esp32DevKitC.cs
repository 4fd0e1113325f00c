namespace NordicIoT.Device.App.Boards
{
    /// <summary>Espressif ESP32-DevKitC (ESP32-WROOM-32, 4 MB flash, no PSRAM) on Wi-Fi, with a BME280 breakout and a battery divider.</summary>
    public sealed class Esp32DevKitC : BoardProfile
    {
        /// <summary>Profile id: hardware/esp32-devkitc.json.</summary>
        public const string ProfileId = "esp32-devkitc";

        /// <summary>Sets the board's values.</summary>
        public Esp32DevKitC()
        {
            Id = ProfileId;
            NanoffTarget = "ESP32_PSRAM_REV0";
            Network = NetworkKind.WiFi;
            FlashBytes = 4 * 1024 * 1024;
            StorageBytes = 256 * 1024;
            ReadingBufferBytes = 64 * 1024;

            // Without PSRAM the managed heap is about 100 KB: 256 readings (about 6 KB) per batch is enough.
            MaxReadingsPerBatch = 256;

            // GPIO 21/22 are the DevKitC's customary I2C pins (nanoFramework's own defaults are 18/19).
            I2cBus = 1;
            I2cDataPin = 21;
            I2cClockPin = 22;
            Bme280Address = 0x76;

            // Two 100 kΩ resistors from the battery to GND, the middle on GPIO34 (input only, ADC1 channel 6).
            BatteryAdcChannel = 6;
            BatteryAdcPin = 34;
            BatteryDividerRatio = 2.0;
            AdcFullScaleMillivolts = 3100;
        }
    }
}

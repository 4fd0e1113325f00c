using System;
using nanoFramework.Hardware.Esp32;
using NordicIoT.Device.App.Boards;

namespace NordicIoT.Device.App.Board
{
    /// <summary>Routes a board's buses to its pins through the ESP32 GPIO matrix; call once at start-up, before the buses are opened.</summary>
    public static class Esp32Pins
    {
        /// <summary>Puts the I2C controller of <paramref name="board"/> on its data and clock pins.</summary>
        /// <remarks>Configuration is spelled out in full: inside NordicIoT.Device the name means the device library's namespace.</remarks>
        public static void RouteI2c(BoardProfile board)
        {
            switch (board.I2cBus)
            {
                case 1:
                    nanoFramework.Hardware.Esp32.Configuration.SetPinFunction(board.I2cDataPin, DeviceFunction.I2C1_DATA);
                    nanoFramework.Hardware.Esp32.Configuration.SetPinFunction(board.I2cClockPin, DeviceFunction.I2C1_CLOCK);
                    break;
                case 2:
                    nanoFramework.Hardware.Esp32.Configuration.SetPinFunction(board.I2cDataPin, DeviceFunction.I2C2_DATA);
                    nanoFramework.Hardware.Esp32.Configuration.SetPinFunction(board.I2cClockPin, DeviceFunction.I2C2_CLOCK);
                    break;
                default:
                    throw new ArgumentException(board.Id + ": I2C bus " + board.I2cBus.ToString() + " does not exist on the ESP32 (1 or 2)");
            }
        }
    }
}

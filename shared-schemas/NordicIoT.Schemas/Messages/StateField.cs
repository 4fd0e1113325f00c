namespace NordicIoT.Schemas.Messages
{
    /// <summary>The keys of a state report (see nordiciot.cddl); also the bit numbers of <see cref="StateReport.Present"/>.</summary>
    public static class StateField
    {
        /// <summary>Time of the report, Unix seconds.</summary>
        public const int Time = 1;

        /// <summary>Firmware version.</summary>
        public const int FirmwareVersion = 2;

        /// <summary>Board target.</summary>
        public const int Board = 3;

        /// <summary>Seconds since boot.</summary>
        public const int Uptime = 4;

        /// <summary>Free managed heap, bytes.</summary>
        public const int FreeHeap = 5;

        /// <summary>Readings waiting in the flash buffer.</summary>
        public const int Buffered = 6;

        /// <summary>Flash buffer fill, percent.</summary>
        public const int BufferFill = 7;

        /// <summary>Readings dropped because the buffer was full.</summary>
        public const int Dropped = 8;

        /// <summary>Version of the configuration in effect.</summary>
        public const int ConfigVersion = 9;

        /// <summary>The last configuration refused, and why.</summary>
        public const int ConfigRejection = 10;

        /// <summary>Firmware update progress.</summary>
        public const int Ota = 11;

        /// <summary>Latest sensor values.</summary>
        public const int Latest = 12;

        /// <summary>Network link in use.</summary>
        public const int Network = 13;

        /// <summary>Highest key.</summary>
        public const int Last = Network;
    }
}

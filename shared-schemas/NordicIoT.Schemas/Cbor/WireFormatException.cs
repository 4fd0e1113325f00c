using System;

namespace NordicIoT.Schemas.Cbor
{
    /// <summary>The one error type for any bad input to the wire format: a reason and the byte offset where it was found.</summary>
    public class WireFormatException : Exception
    {
        /// <summary>Creates the exception; the message reads "Reason at byte Offset: detail".</summary>
        public WireFormatException(WireError reason, int offset, string detail)
            : base(ReasonText(reason) + " at byte " + offset.ToString() + ": " + detail)
        {
            Reason = reason;
            Offset = offset;
        }

        /// <summary>What rule the input broke.</summary>
        public WireError Reason { get; }

        /// <summary>Index in the caller's byte array of the data item, chunk or byte that broke the rule.</summary>
        public int Offset { get; }

        // nanoFramework's enum ToString() gives the number, so the names are spelled out.
        private static string ReasonText(WireError reason)
        {
            switch (reason)
            {
                case WireError.Truncated: return "Truncated";
                case WireError.ReservedAdditionalInfo: return "ReservedAdditionalInfo";
                case WireError.UnexpectedBreak: return "UnexpectedBreak";
                case WireError.InvalidChunk: return "InvalidChunk";
                case WireError.DepthExceeded: return "DepthExceeded";
                case WireError.LengthExceedsInput: return "LengthExceedsInput";
                case WireError.InvalidUtf8: return "InvalidUtf8";
                case WireError.IntegerOverflow: return "IntegerOverflow";
                case WireError.UnexpectedType: return "UnexpectedType";
                case WireError.TrailingBytes: return "TrailingBytes";
                case WireError.TooManyItems: return "TooManyItems";
                case WireError.InvalidSimpleValue: return "InvalidSimpleValue";
                case WireError.BufferTooSmall: return "BufferTooSmall";
                case WireError.UnsupportedVersion: return "UnsupportedVersion";
                case WireError.MissingField: return "MissingField";
                case WireError.UnknownField: return "UnknownField";
                case WireError.DuplicateKey: return "DuplicateKey";
                case WireError.ValueOutOfRange: return "ValueOutOfRange";
                case WireError.InvalidStructure: return "InvalidStructure";
                default: return "WireError " + ((int)reason).ToString();
            }
        }
    }
}

namespace NordicIoT.Schemas.Cbor
{
    /// <summary>Why bytes were rejected as wire format: CBOR well-formedness first, then message-level rules.</summary>
    public enum WireError
    {
        /// <summary>The input ended inside a data item.</summary>
        Truncated,

        /// <summary>Additional information 28-30, or an indefinite length where the major type forbids one.</summary>
        ReservedAdditionalInfo,

        /// <summary>A break stop code outside an indefinite-length item, or in a map's value position.</summary>
        UnexpectedBreak,

        /// <summary>An indefinite-length string holds something other than a definite string of its own type.</summary>
        InvalidChunk,

        /// <summary>Containers, tags or indefinite strings nest deeper than the reader allows.</summary>
        DepthExceeded,

        /// <summary>A declared length or item count cannot fit in the bytes that remain.</summary>
        LengthExceedsInput,

        /// <summary>A text string is not strict UTF-8.</summary>
        InvalidUtf8,

        /// <summary>An integer does not fit the requested 64-bit type.</summary>
        IntegerOverflow,

        /// <summary>The data item is of another type than the one asked for.</summary>
        UnexpectedType,

        /// <summary>Bytes follow the data item that should have ended the input.</summary>
        TrailingBytes,

        /// <summary>A container holds more items than were read or than the schema allows.</summary>
        TooManyItems,

        /// <summary>A two-byte simple value below 32 (not well-formed in RFC 8949).</summary>
        InvalidSimpleValue,

        /// <summary>The output buffer cannot hold what is being written.</summary>
        BufferTooSmall,

        /// <summary>The message declares a format version this code cannot read.</summary>
        UnsupportedVersion,

        /// <summary>A field the message requires is absent.</summary>
        MissingField,

        /// <summary>The message holds a field its schema does not define.</summary>
        UnknownField,

        /// <summary>A map key appears twice.</summary>
        DuplicateKey,

        /// <summary>A value is outside the range its field allows.</summary>
        ValueOutOfRange,

        /// <summary>The items are well-formed CBOR but not in the shape the message needs.</summary>
        InvalidStructure,
    }
}

namespace NordicIoT.Schemas.Cbor
{
    /// <summary>The kind of the next CBOR data item, as <see cref="CborReader.PeekType"/> reports it.</summary>
    public enum CborType
    {
        /// <summary>Major type 0.</summary>
        UnsignedInteger,

        /// <summary>Major type 1.</summary>
        NegativeInteger,

        /// <summary>Major type 2, definite or indefinite length.</summary>
        ByteString,

        /// <summary>Major type 3, definite or indefinite length.</summary>
        TextString,

        /// <summary>Major type 4, definite or indefinite length.</summary>
        Array,

        /// <summary>Major type 5, definite or indefinite length.</summary>
        Map,

        /// <summary>Major type 6: a tag number followed by one tag content item.</summary>
        Tag,

        /// <summary>Major type 7 simple values: false, true, null, undefined and simple(n).</summary>
        Simple,

        /// <summary>Major type 7 half, single or double precision floats.</summary>
        Float,

        /// <summary>The break stop code (0xff) that ends an indefinite-length item.</summary>
        Break,
    }
}

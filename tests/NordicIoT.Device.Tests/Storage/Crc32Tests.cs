using System.Text;
using NordicIoT.Device.Storage;

namespace NordicIoT.Device.Tests.Storage;

public sealed class Crc32Tests
{
    [Theory]
    [InlineData("123456789", 0xCBF43926u)] // the check value of CRC-32/ISO-HDLC
    [InlineData("", 0x00000000u)]
    [InlineData("a", 0xE8B7BE43u)]
    [InlineData("The quick brown fox jumps over the lazy dog", 0x414FA339u)]
    public void Matches_the_published_values(string text, uint expected)
    {
        byte[] bytes = Encoding.ASCII.GetBytes(text);
        Assert.Equal(expected, Crc32.Compute(bytes, 0, bytes.Length));
    }

    [Fact]
    public void Covers_only_the_given_range()
    {
        byte[] bytes = Encoding.ASCII.GetBytes("xx123456789yy");
        Assert.Equal(0xCBF43926u, Crc32.Compute(bytes, 2, 9));
    }

    [Fact]
    public void A_range_outside_the_data_is_an_error()
    {
        Assert.Throws<ArgumentException>(() => Crc32.Compute(new byte[4], 2, 3));
        Assert.Throws<ArgumentException>(() => Crc32.Compute(new byte[4], -1, 1));
        Assert.Throws<ArgumentException>(() => Crc32.Compute(null!, 0, 0));
    }
}

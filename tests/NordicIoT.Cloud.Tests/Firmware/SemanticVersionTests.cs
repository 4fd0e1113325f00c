using NordicIoT.Cloud.Api.Firmware;
using NordicIoT.Cloud.Firmware;

namespace NordicIoT.Cloud.Tests.Firmware;

/// <summary>Version order decides downgrades, and Range parsing decides what bytes a device gets: both against their specs' examples.</summary>
public sealed class SemanticVersionTests
{
    [Fact]
    public void Precedence_follows_the_semver_specification()
    {
        // semver.org 2.0.0 §11, in rising order.
        string[] ordered = ["1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1", "1.1.0", "2.0.0", "10.0.0"];

        for (var i = 1; i < ordered.Length; i++)
        {
            Assert.True(SemanticVersion.Parse(ordered[i - 1]).CompareTo(SemanticVersion.Parse(ordered[i])) < 0, $"{ordered[i - 1]} < {ordered[i]}");
            Assert.True(SemanticVersion.Parse(ordered[i]).CompareTo(SemanticVersion.Parse(ordered[i - 1])) > 0, $"{ordered[i]} > {ordered[i - 1]}");
        }

        Assert.Equal(0, SemanticVersion.Parse("1.5.0+a").CompareTo(SemanticVersion.Parse("1.5.0+b")));
        Assert.Equal("1.5.0", SemanticVersion.Parse("1.5.0+build.7").PrecedenceKey);
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("01.5.0")]
    [InlineData("1.5.0-01")]
    [InlineData("1.5.0-")]
    [InlineData("1.5.0+")]
    [InlineData("v1.5.0")]
    [InlineData("1.5.0-a..b")]
    public void Non_versions_are_refused_with_a_reason(string text)
    {
        Assert.False(SemanticVersion.TryParse(text, out _, out var problem));
        Assert.NotEmpty(problem);
    }

    [Theory]
    [InlineData("bytes=0-99", 0, 100, true)]
    [InlineData("bytes=9000-", 9000, 1000, true)]
    [InlineData("bytes=9990-20000", 9990, 10, true)]
    [InlineData("bytes=-300", 9700, 300, true)]
    [InlineData("bytes=-20000", 0, 10000, true)]
    [InlineData(null, 0, 10000, false)]
    [InlineData("bytes=5-2", 0, 10000, false)]
    [InlineData("bytes=0-1,5-6", 0, 10000, false)]
    [InlineData("items=0-1", 0, 10000, false)]
    public void Ranges_are_read_as_rfc_9110_says(string? header, long start, long length, bool partial)
    {
        Assert.Equal(new ByteRange(start, length, partial), ByteRange.Of(header, 10000));
    }

    [Theory]
    [InlineData("bytes=10000-")]
    [InlineData("bytes=-0")]
    public void Ranges_outside_the_file_cannot_be_satisfied(string header)
    {
        Assert.Null(ByteRange.Of(header, 10000));
    }
}

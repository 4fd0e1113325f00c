using NordicIoT.Device.Platform;

namespace NordicIoT.Device.Tests.Platform;

public sealed class FileNamesTests
{
    [Theory]
    [InlineData("rb-head")]
    [InlineData("config.cbor")]
    [InlineData("A_9")]
    public void Plain_names_are_accepted(string name) => FileNames.Check(name);

    [Theory]
    [InlineData("")]
    [InlineData(".hidden")]
    [InlineData("..")]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("I:")]
    [InlineData("name~")]
    [InlineData("with space")]
    [InlineData("ä")]
    public void Paths_and_odd_characters_are_refused(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => FileNames.Check(name));
        Assert.Contains("\"" + name + "\"", error.Message);
    }

    [Fact]
    public void Length_is_limited()
    {
        Assert.True(FileNames.IsValid(new string('a', FileNames.MaxLength)));
        Assert.False(FileNames.IsValid(new string('a', FileNames.MaxLength + 1)));
        Assert.False(FileNames.IsValid(null!));
    }
}

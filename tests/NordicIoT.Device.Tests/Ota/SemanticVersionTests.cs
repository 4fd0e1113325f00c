using NordicIoT.Device.Ota;

namespace NordicIoT.Device.Tests.Ota;

public sealed class SemanticVersionTests
{
    // The precedence example of Semantic Versioning 2.0.0 (section 11), then core numbers compared as numbers.
    private static readonly string[] Ascending =
    [
        "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0",
        "1.0.1", "1.2.0", "1.10.0", "2.0.0", "10.0.0",
    ];

    [Fact]
    public void Versions_order_as_the_specification_says()
    {
        for (int i = 0; i < Ascending.Length; i++)
        {
            for (int j = 0; j < Ascending.Length; j++)
            {
                Assert.True(Math.Sign(SemanticVersion.Compare(Ascending[i], Ascending[j])) == Math.Sign(i.CompareTo(j)), $"{Ascending[i]} vs {Ascending[j]}");
            }
        }
    }

    [Theory]
    [InlineData("1.0.0+build.1", "1.0.0")]
    [InlineData("1.0.0-rc.1+a", "1.0.0-rc.1+b")]
    public void Build_metadata_does_not_count(string a, string b) => Assert.Equal(0, SemanticVersion.Compare(a, b));

    [Theory]
    [InlineData("")]
    [InlineData("1.0")]
    [InlineData("1.0.0.0")]
    [InlineData("01.0.0")]
    [InlineData("1.0.0-")]
    [InlineData("1.0.0-01")]
    [InlineData("1.0.0-rc..1")]
    [InlineData("1.0.0+")]
    [InlineData("1.0.0-rc_1")]
    [InlineData("v1.0.0")]
    [InlineData("1.-1.0")]
    public void Text_that_is_not_a_semantic_version_is_refused(string version)
    {
        Assert.False(SemanticVersion.IsValid(version));
        var e = Assert.Throws<ArgumentException>(() => SemanticVersion.Compare(version, "1.0.0"));
        Assert.Contains("is not a semantic version", e.Message);
    }

    [Theory]
    [InlineData("0.0.0-sim")]
    [InlineData("1.0.0-0A.is.legal")]
    [InlineData("1.0.0-x-y-z.--")]
    [InlineData("99999999999999999999.0.0")]
    public void Unusual_but_valid_versions_are_accepted(string version) => Assert.True(SemanticVersion.IsValid(version));
}

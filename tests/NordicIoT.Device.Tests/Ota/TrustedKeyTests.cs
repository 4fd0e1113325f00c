using System.Text;
using NordicIoT.Device.Ota;
using NordicIoT.Device.Tests.Fakes;

namespace NordicIoT.Device.Tests.Ota;

public sealed class TrustedKeyTests
{
    private readonly ReleaseKey _key = new();
    private readonly FlashFake _flash = new();

    public static TheoryData<string> Forms => ["raw", "xy", "der", "pem"];

    [Theory]
    [MemberData(nameof(Forms))]
    public void Each_form_of_the_public_key_gives_the_same_point(string form)
    {
        byte[] content = form switch
        {
            "raw" => _key.PublicPoint,
            "xy" => _key.PublicPoint[1..],
            "der" => _key.SubjectPublicKeyInfo,
            _ => Encoding.UTF8.GetBytes(_key.SubjectPublicKeyInfoPem.Replace("\n", "\r\n", StringComparison.Ordinal)),
        };
        _flash.Replace("release.pub", content, 0, content.Length);

        Assert.Equal(_key.PublicPoint, TrustedKey.Load(_flash, "release.pub", out string? problem));
        Assert.Null(problem);
    }

    [Fact]
    public void A_missing_file_says_which_file_it_looked_for()
    {
        Assert.Null(TrustedKey.Load(_flash, "release.pub", out string? problem));
        Assert.Equal("no trusted release key (release.pub) on the device", problem);
    }

    [Theory]
    [InlineData("not a key")]
    [InlineData("-----BEGIN PUBLIC KEY-----\n!!!!\n-----END PUBLIC KEY-----\n")]
    public void Anything_else_is_refused_with_the_forms_it_takes(string content)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(content);
        _flash.Replace("release.pub", bytes, 0, bytes.Length);

        Assert.Null(TrustedKey.Load(_flash, "release.pub", out string? problem));
        Assert.Equal("the release key file release.pub holds no uncompressed P-256 public key (raw, DER or PEM)", problem);
    }

    [Fact]
    public void An_rsa_key_in_pem_is_refused()
    {
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        byte[] bytes = Encoding.UTF8.GetBytes(rsa.ExportSubjectPublicKeyInfoPem());
        _flash.Replace("release.pub", bytes, 0, bytes.Length);

        Assert.Null(TrustedKey.Load(_flash, "release.pub", out _));
    }
}

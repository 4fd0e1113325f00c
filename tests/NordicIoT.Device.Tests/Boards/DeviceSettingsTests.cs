using NordicIoT.Device.App.Board;
using NordicIoT.Device.App.Boards;

namespace NordicIoT.Device.Tests.Boards;

/// <summary>I:\device.json as the board app reads it.</summary>
public sealed class DeviceSettingsTests
{
    private const string Source = "I:\\device.json";

    [Fact]
    public void All_fields_are_read()
    {
        var settings = DeviceSettings.Parse("""
            {
              "deviceId": "dev-001",
              "brokerHost": "broker.example.com",
              "brokerPort": 18883,
              "board": "esp32-s3-devkitc"
            }
            """, Source);

        Assert.Equal("dev-001", settings.DeviceId);
        Assert.Equal("broker.example.com", settings.BrokerHost);
        Assert.Equal(18883, settings.BrokerPort);
        Assert.Equal("esp32-s3-devkitc", settings.BoardId);
    }

    [Fact]
    public void Port_and_board_have_defaults_and_unknown_keys_are_ignored()
    {
        var settings = DeviceSettings.Parse("""{"deviceId":"dev-1","brokerHost":"10.0.0.2","fleet":"north","retries":3,"debug":true,"note":null}""", Source);

        Assert.Equal(DeviceSettings.DefaultBrokerPort, settings.BrokerPort);
        Assert.Equal(BoardCatalog.DefaultId, settings.BoardId);
    }

    [Theory]
    [InlineData("""{"brokerHost":"h"}""", "deviceId must be a non-empty string")]
    [InlineData("""{"deviceId":"","brokerHost":"h"}""", "deviceId must be a non-empty string")]
    [InlineData("""{"deviceId":42,"brokerHost":"h"}""", "deviceId must be a non-empty string")]
    [InlineData("""{"deviceId":"dev/1","brokerHost":"h"}""", "deviceId \"dev/1\" must be 1..64 characters")]
    [InlineData("""{"deviceId":"dev-1"}""", "brokerHost must be a non-empty string")]
    [InlineData("""{"deviceId":"dev-1","brokerHost":"h","brokerPort":0}""", "brokerPort must be a whole number 1..65535")]
    [InlineData("""{"deviceId":"dev-1","brokerHost":"h","brokerPort":65536}""", "brokerPort must be a whole number 1..65535")]
    [InlineData("""{"deviceId":"dev-1","brokerHost":"h","brokerPort":"8883"}""", "brokerPort must be a whole number 1..65535")]
    [InlineData("""{"deviceId":"dev-1","brokerHost":"h","board":""}""", "board must be a non-empty string")]
    public void A_wrong_field_is_named_with_the_file(string json, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => DeviceSettings.Parse(json, Source));

        Assert.StartsWith(Source, error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Text_that_is_not_flat_json_is_refused_with_the_file_and_position()
    {
        var error = Assert.Throws<ArgumentException>(() => DeviceSettings.Parse("""{"deviceId":"dev-1",}""", Source));

        Assert.Equal(Source + " is not a flat JSON object: expected a quoted key at character 21", error.Message);
    }

    [Fact]
    public void A_missing_file_says_how_to_deploy_it()
    {
        var path = Path.Combine(Path.GetTempPath(), "nordiciot-" + Guid.NewGuid().ToString("N"), "device.json");

        var error = Assert.Throws<IOException>(() => ProvisionedFiles.ReadText(path));

        Assert.Contains(path + " is missing", error.Message);
        Assert.Contains("nanoff --filedeployment", error.Message);
    }
}

using System.Text.Json;
using NordicIoT.Device.App.Boards;
using NordicIoT.Device.Storage;

namespace NordicIoT.Device.Tests.Boards;

/// <summary>The board classes the app compiles and the JSON profiles in hardware/ that `nordiciot flash` reads say the same.</summary>
public sealed class BoardProfileTests
{
    public static TheoryData<string> BoardIds()
    {
        var ids = new TheoryData<string>();
        foreach (var board in BoardCatalog.All())
        {
            ids.Add(board.Id);
        }

        return ids;
    }

    [Fact]
    public void Every_profile_in_hardware_has_a_board_class_and_every_board_class_a_profile()
    {
        var profileIds = Directory.GetFiles(HardwareFolder(), "*.json").Select(Path.GetFileNameWithoutExtension).Order().ToArray();
        var classIds = BoardCatalog.All().Select(b => b.Id).Order().ToArray();

        Assert.NotEmpty(classIds);
        Assert.Equal(profileIds, classIds);
    }

    [Theory]
    [MemberData(nameof(BoardIds))]
    public void The_board_class_matches_its_json_profile(string id)
    {
        var board = BoardCatalog.Find(id);
        using var profile = JsonDocument.Parse(File.ReadAllText(Path.Combine(HardwareFolder(), id + ".json")));
        var json = profile.RootElement;

        Assert.Equal(id, json.GetProperty("id").GetString());
        Assert.False(string.IsNullOrWhiteSpace(json.GetProperty("description").GetString()));
        Assert.Equal(board.NanoffTarget, json.GetProperty("nanoffTarget").GetString());
        Assert.Equal(NetworkName(board.Network), json.GetProperty("network").GetString());
        Assert.Equal(board.FlashBytes, json.GetProperty("flashBytes").GetInt32());
        Assert.Equal(board.StorageBytes, json.GetProperty("storageBytes").GetInt32());
        Assert.Equal(board.ReadingBufferBytes, json.GetProperty("readingBufferBytes").GetInt32());
        Assert.Equal(board.MaxReadingsPerBatch, json.GetProperty("maxReadingsPerBatch").GetInt32());

        var i2c = json.GetProperty("i2c");
        Assert.Equal(board.I2cBus, i2c.GetProperty("bus").GetInt32());
        Assert.Equal(board.I2cDataPin, i2c.GetProperty("sdaPin").GetInt32());
        Assert.Equal(board.I2cClockPin, i2c.GetProperty("sclPin").GetInt32());
        Assert.Equal("0x" + board.Bme280Address.ToString("x2"), json.GetProperty("bme280Address").GetString());

        var battery = json.GetProperty("battery");
        Assert.Equal(board.HasBatteryAdc, battery.ValueKind != JsonValueKind.Null);
        if (board.HasBatteryAdc)
        {
            Assert.Equal(board.BatteryAdcChannel, battery.GetProperty("adcChannel").GetInt32());
            Assert.Equal(board.BatteryAdcPin, battery.GetProperty("pin").GetInt32());
            Assert.Equal(board.BatteryDividerRatio, battery.GetProperty("dividerRatio").GetDouble());
            Assert.Equal(board.AdcFullScaleMillivolts, battery.GetProperty("adcFullScaleMillivolts").GetInt32());
        }

        var modem = json.GetProperty("modem");
        Assert.Equal(board.ModemUartRxPin != BoardProfile.None, modem.ValueKind != JsonValueKind.Null);
        if (modem.ValueKind != JsonValueKind.Null)
        {
            Assert.Equal(board.ModemUartRxPin, modem.GetProperty("uartRxPin").GetInt32());
            Assert.Equal(board.ModemUartTxPin, modem.GetProperty("uartTxPin").GetInt32());
            Assert.Equal(board.ModemPowerKeyPin, modem.GetProperty("powerKeyPin").GetInt32());
            Assert.Equal(board.ModemDtrPin, modem.GetProperty("dtrPin").GetInt32());
            Assert.Equal(board.ModemRingPin, modem.GetProperty("ringPin").GetInt32());
        }
    }

    [Theory]
    [MemberData(nameof(BoardIds))]
    public void The_board_values_are_usable(string id)
    {
        var board = BoardCatalog.Find(id);

        Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", board.Id);
        Assert.InRange(board.I2cBus, 1, 2);
        Assert.NotEqual(board.I2cDataPin, board.I2cClockPin);
        Assert.Contains(board.Bme280Address, new[] { 0x76, 0x77 });
        Assert.True(board.ReadingBufferBytes <= board.StorageBytes / 2, "the reading buffer leaves at least half of I:\\ to certificates, settings and configuration");
        Assert.Equal(board.Network != NetworkKind.WiFi, board.ModemUartRxPin != BoardProfile.None);
        if (board.HasBatteryAdc)
        {
            // ADC1 channels 0..7: nanoFramework sets the 11 dB range only there, and ADC2 stops while Wi-Fi is on.
            Assert.InRange(board.BatteryAdcChannel, 0, 7);
            Assert.True(board.BatteryDividerRatio >= 1);
            Assert.True(board.AdcFullScaleMillivolts > 0);
        }

        // The device library accepts what the app hands it from the board.
        new DeviceOptions
        {
            DeviceId = "dev-1",
            FirmwareVersion = "0.1.0",
            Board = board.NanoffTarget,
            Network = board.Network,
            BufferCapacityBytes = board.ReadingBufferBytes,
            MaxReadingsPerBatch = board.MaxReadingsPerBatch,
        }.Validate();
        Assert.True(board.ReadingBufferBytes >= ReadingBuffer.MinCapacityBytes);
    }

    [Fact]
    public void The_default_board_exists()
    {
        Assert.Equal(BoardCatalog.DefaultId, BoardCatalog.Find(BoardCatalog.DefaultId).Id);
    }

    [Fact]
    public void An_unknown_board_is_refused_with_the_known_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => BoardCatalog.Find("esp8266"));

        Assert.Contains("\"esp8266\"", error.Message);
        foreach (var board in BoardCatalog.All())
        {
            Assert.Contains(board.Id, error.Message);
        }
    }

    private static string NetworkName(NetworkKind network) => network switch
    {
        NetworkKind.WiFi => "wifi",
        NetworkKind.LteM => "lte-m",
        NetworkKind.NbIot => "nb-iot",
        _ => throw new ArgumentOutOfRangeException(nameof(network)),
    };

    private static string HardwareFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NordicIoT.sln")))
            {
                return Path.Combine(dir.FullName, "hardware");
            }
        }

        throw new InvalidOperationException($"No NordicIoT.sln above {AppContext.BaseDirectory}");
    }
}

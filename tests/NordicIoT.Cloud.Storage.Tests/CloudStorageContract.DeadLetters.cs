using NordicIoT.Cloud.DeadLetters;

namespace NordicIoT.Cloud.Storage.Tests;

/// <summary>Dead letters: newest first, per device or all, counted, payload cut.</summary>
public abstract partial class CloudStorageContract
{
    [Fact]
    public async Task Dead_letters_list_newest_first()
    {
        await AddDeadLetterAsync("dl-1", "dev-1", secondsAfterNow: 0);
        await AddDeadLetterAsync("dl-3", "dev-2", secondsAfterNow: 20);
        await AddDeadLetterAsync("dl-2", null, secondsAfterNow: 10);

        IReadOnlyList<DeadLetter> all = await Storage.DeadLetters.ListAsync(null, 10, None);

        Assert.Equal(["dl-3", "dl-2", "dl-1"], all.Select(d => d.Id));
    }

    [Fact]
    public async Task Dead_letters_of_one_device_leave_out_the_others()
    {
        await AddDeadLetterAsync("dl-1", "dev-1", secondsAfterNow: 0);
        await AddDeadLetterAsync("dl-2", "dev-2", secondsAfterNow: 10);
        await AddDeadLetterAsync("dl-3", "dev-1", secondsAfterNow: 20);
        await AddDeadLetterAsync("dl-4", null, secondsAfterNow: 30);

        IReadOnlyList<DeadLetter> ofDevice = await Storage.DeadLetters.ListAsync("dev-1", 10, None);

        Assert.Equal(["dl-3", "dl-1"], ofDevice.Select(d => d.Id));
    }

    [Fact]
    public async Task Dead_letter_list_stops_at_the_limit()
    {
        for (int i = 0; i < 5; i++)
        {
            await AddDeadLetterAsync($"dl-{i}", "dev-1", secondsAfterNow: i);
        }

        Assert.Equal(["dl-4", "dl-3"], (await Storage.DeadLetters.ListAsync(null, 2, None)).Select(d => d.Id));
        Assert.Equal(["dl-4", "dl-3", "dl-2"], (await Storage.DeadLetters.ListAsync("dev-1", 3, None)).Select(d => d.Id));
    }

    [Fact]
    public async Task Dead_letters_are_counted_per_device_and_in_all()
    {
        await AddDeadLetterAsync("dl-1", "dev-1", secondsAfterNow: 0);
        await AddDeadLetterAsync("dl-2", "dev-1", secondsAfterNow: 1);
        await AddDeadLetterAsync("dl-3", "dev-2", secondsAfterNow: 2);
        await AddDeadLetterAsync("dl-4", null, secondsAfterNow: 3);

        Assert.Equal(4, await Storage.DeadLetters.CountAsync(null, None));
        Assert.Equal(2, await Storage.DeadLetters.CountAsync("dev-1", None));
        Assert.Equal(0, await Storage.DeadLetters.CountAsync("dev-9", None));
    }

    [Fact]
    public async Task Dead_letter_comes_back_with_every_field()
    {
        var letter = new DeadLetter("dl-1", Now, "d/dev-1/b", "dev-1", "malformed", "unexpected break at offset 3", [0x82, 0x01, 0xff], 3);

        await Storage.DeadLetters.AddAsync(letter, None);

        DeadLetter stored = Assert.Single(await Storage.DeadLetters.ListAsync("dev-1", 1, None));
        Assert.Equal(letter with { Payload = stored.Payload }, stored);
        Assert.Equal(letter.Payload, stored.Payload);
    }

    [Fact]
    public async Task Long_payloads_are_cut_and_keep_their_length()
    {
        byte[] payload = [.. Enumerable.Range(0, DeadLetter.MaxStoredPayload + 100).Select(i => (byte)i)];

        await Storage.DeadLetters.AddAsync(new DeadLetter("dl-1", Now, "d/dev-1/b", "dev-1", "oversize", "too big", payload, payload.Length), None);

        DeadLetter stored = Assert.Single(await Storage.DeadLetters.ListAsync(null, 1, None));
        Assert.Equal(payload[..DeadLetter.MaxStoredPayload], stored.Payload);
        Assert.Equal(DeadLetter.MaxStoredPayload + 100, stored.PayloadLength);
    }

    [Fact]
    public async Task Dead_letter_from_a_topic_without_device_keeps_its_topic()
    {
        await Storage.DeadLetters.AddAsync(new DeadLetter("dl-1", Now, "x/weird topic", null, "unknown-topic", "no device id", [], 0), None);

        DeadLetter stored = Assert.Single(await Storage.DeadLetters.ListAsync(null, 1, None));
        Assert.Null(stored.DeviceId);
        Assert.Equal("x/weird topic", stored.Topic);
        Assert.Empty(stored.Payload);
    }

    [Fact]
    public async Task Bad_dead_letters_and_limits_are_refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Storage.DeadLetters.AddAsync(new DeadLetter("", Now, "t", null, "r", "d", [], 0), None));
        await Assert.ThrowsAsync<ArgumentException>(() => Storage.DeadLetters.AddAsync(new DeadLetter("dl-1", Now, "t", null, "r", "d", [1, 2], 1), None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Storage.DeadLetters.ListAsync(null, 0, None));
    }

    private Task AddDeadLetterAsync(string id, string? deviceId, int secondsAfterNow) =>
        Storage.DeadLetters.AddAsync(
            new DeadLetter(id, Now.AddSeconds(secondsAfterNow), deviceId is null ? "junk" : $"d/{deviceId}/b", deviceId, "malformed", $"test {id}", [0xa0], 1),
            None);
}

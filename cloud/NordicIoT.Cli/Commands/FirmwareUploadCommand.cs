using System.CommandLine;
using System.Globalization;
using System.Net.Http.Headers;
using NordicIoT.Cli.Errors;
using NordicIoT.Cli.Firmware;
using NordicIoT.Cli.Output;

namespace NordicIoT.Cli.Commands;

/// <summary>nordiciot firmware upload: sends a signed release folder to the cloud with a progress bar.</summary>
internal sealed class FirmwareUploadCommand : Command
{
    /// <summary>The environment variable read when --key is not given.</summary>
    public const string ApiKeyVariable = "NORDICIOT_API_KEY";

    private readonly Interaction _ui;
    private readonly Argument<string> _release = new("release") { Description = "The release folder `nordiciot firmware sign` wrote" };
    private readonly Option<string> _url = new("--url") { Description = "The cloud's URL", DefaultValueFactory = _ => "http://127.0.0.1:5000" };
    private readonly Option<string?> _key = new("--key") { Description = $"An admin API key (default: ${ApiKeyVariable})" };

    public FirmwareUploadCommand(Interaction ui)
        : base("upload", "Upload a signed release folder to the cloud (admin API key)")
    {
        _ui = ui;
        Arguments.Add(_release);
        Options.Add(_url);
        Options.Add(_key);
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var url = parse.GetRequiredValue(_url);
        if (!Uri.TryCreate(url.EndsWith('/') ? url : url + "/", UriKind.Absolute, out var baseAddress) || baseAddress.Scheme is not ("http" or "https"))
        {
            throw new InvalidInputException($"--url '{url}' is not an http(s) URL.");
        }

        var key = parse.GetValue(_key) ?? Environment.GetEnvironmentVariable(ApiKeyVariable);
        if (string.IsNullOrWhiteSpace(key))
        {
            throw new InvalidInputException($"An admin API key is needed: --key KEY or ${ApiKeyVariable}.");
        }

        ReleaseFolder release;
        try
        {
            release = ReleaseFolder.Open(parse.GetRequiredValue(_release));
        }
        catch (InvalidDataException e)
        {
            throw new InvalidInputException(e.Message, e);
        }

        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(10) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var shown = -1;
        var id = await new ReleaseUploader(http).UploadAsync(release, (sent, total) =>
        {
            var percent = total == 0 ? 100 : (int)(sent * 100 / total);

            // In place on a terminal each percent; plain lines every 25% otherwise.
            var step = _ui.IsInteractive ? 1 : 25;
            if (percent / step != shown / step)
            {
                shown = percent;
                _ui.Progress(Bar(percent, sent, total));
            }
        }, cancellationToken).ConfigureAwait(false);

        _ui.EndProgress();
        _ui.Data($"release: {id}");
        _ui.Data($"version: {release.Manifest.Version}");
        _ui.Success($"Release {release.Manifest.Version} uploaded as {id}.");
        return ExitCodes.Ok;
    }

    private static string Bar(int percent, long sent, long total)
    {
        const int Width = 30;
        var filled = percent * Width / 100;
        return string.Create(CultureInfo.InvariantCulture, $"[{new string('#', filled)}{new string('.', Width - filled)}] {percent,3}% {sent / 1024.0:0.0}/{total / 1024.0:0.0} KB");
    }
}

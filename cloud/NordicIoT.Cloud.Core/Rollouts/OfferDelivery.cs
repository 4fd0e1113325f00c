using NordicIoT.Cloud.Firmware;
using NordicIoT.Schemas.Cbor;
using NordicIoT.Schemas.Messages;

namespace NordicIoT.Cloud.Rollouts;

/// <summary>Puts offers out and takes them back, keeping each execution's record of the offer it holds (its token's expiry; none once withdrawn).</summary>
internal sealed class OfferDelivery(IFirmwareOffers offers, DownloadTokens tokens, RolloutOptions options, TimeProvider time, IRolloutStore store)
{
    private readonly RolloutUpdates _updates = new(store);

    // manifest (at most 4 KB) + signature + URL + token + map overhead
    private const int MaxOfferBytes = FirmwareOfferCodec.MaxManifestBytes + 2048;

    /// <summary>Publishes the release's offer with a fresh token and records the token's expiry on the execution.</summary>
    public async Task OfferAsync(Rollout rollout, Release release, Execution execution, DriveReport report, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var expires = now + options.TokenLifetime;
        var token = tokens.Issue(new DownloadGrant(execution.DeviceId, rollout.Id, release.Id, expires));
        var offer = new FirmwareOffer(rollout.Id, release.Manifest, release.Signature, options.DownloadBaseUrl(release.Id), token);
        var buffer = new byte[MaxOfferBytes];
        var length = FirmwareOfferCodec.Encode(offer, new CborWriter(buffer));
        try
        {
            await offers.PublishAsync(execution.DeviceId, buffer[..length], cancellationToken).ConfigureAwait(false);
        }
        catch (OfferDeliveryException e)
        {
            report.DeliveryFailed(e);
            return;
        }

        report.Offered++;
        var ended = false;
        await _updates.ExecutionAsync(rollout.Id, execution.DeviceId, e =>
        {
            ended = !e.IsActive;
            var next = e.Copy();
            next.OfferExpiresAt = expires;
            next.UpdatedAt = now;
            return next;
        }, cancellationToken).ConfigureAwait(false);
        if (ended)
        {
            // Cancelled while the offer was on its way: take it back.
            await WithdrawAsync(execution, report, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Withdraws the offers of ended executions that are still out (a withdrawal failed before), while their token could still be used.</summary>
    public async Task WithdrawLeftoversAsync(List<Execution> executions, DriveReport report, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var execution in executions.Where(e => !e.IsActive && e.OfferExpiresAt > now))
        {
            await WithdrawAsync(execution, report, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Withdraws the device's offer and clears the execution's offer expiry.</summary>
    public async Task WithdrawAsync(Execution execution, DriveReport report, CancellationToken cancellationToken)
    {
        try
        {
            await offers.WithdrawAsync(execution.DeviceId, cancellationToken).ConfigureAwait(false);
        }
        catch (OfferDeliveryException e)
        {
            report.DeliveryFailed(e);
            return;
        }

        report.Withdrawn++;
        var now = time.GetUtcNow();
        await _updates.ExecutionAsync(execution.RolloutId, execution.DeviceId, e =>
        {
            if (e.IsActive || e.OfferExpiresAt is null)
            {
                return null;
            }

            var next = e.Copy();
            next.OfferExpiresAt = null;
            next.UpdatedAt = now;
            return next;
        }, cancellationToken).ConfigureAwait(false);
    }
}

namespace NordicIoT.Cloud.Rollouts;

/// <summary>What one pass of the rollout driver did, for its log.</summary>
public sealed class DriveReport
{
    /// <summary>Rollouts looked at.</summary>
    public int Rollouts { get; internal set; }

    /// <summary>Offers published (new and renewed).</summary>
    public int Offered { get; internal set; }

    /// <summary>Offers withdrawn.</summary>
    public int Withdrawn { get; internal set; }

    /// <summary>Executions that timed out.</summary>
    public int TimedOut { get; internal set; }

    /// <summary>Offers that could not be published or withdrawn; the next pass tries again.</summary>
    public int DeliveryFailures { get; internal set; }

    /// <summary>The last delivery failure's message.</summary>
    public string? LastDeliveryError { get; internal set; }

    internal void DeliveryFailed(OfferDeliveryException e)
    {
        DeliveryFailures++;
        LastDeliveryError = e.Message;
    }
}

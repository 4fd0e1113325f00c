namespace NordicIoT.Cloud.Rollouts;

/// <summary>An offer could not be published or withdrawn (broker unreachable); the rollout driver tries again on its next pass.</summary>
public sealed class OfferDeliveryException(string message, Exception? inner = null) : Exception(message, inner);

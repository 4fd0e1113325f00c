namespace NordicIoT.Cloud.Rollouts;

/// <summary>The rollout is not in a state that allows the request (advancing past the last stage, cancelling an ended rollout, starting on a release being deleted).</summary>
public sealed class RolloutStateException(string message) : Exception(message);

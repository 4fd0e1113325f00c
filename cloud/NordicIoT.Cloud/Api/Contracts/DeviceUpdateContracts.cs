namespace NordicIoT.Cloud.Api.Contracts;

/// <summary>A device's executions across rollouts, newest first.</summary>
public sealed record DeviceExecutionList(IReadOnlyList<ExecutionView> Executions);

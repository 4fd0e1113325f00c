namespace NordicIoT.Device.Host.Simulation;

/// <summary>The faults of a run as a time-ordered list of begin/end steps, applied to a fleet as the run's clock passes them.</summary>
internal sealed class FaultTimeline
{
    private readonly List<(TimeSpan At, ScheduledFault Fault, bool Begins)> _steps;
    private readonly List<ScheduledFault> _running = [];
    private int _next;

    private FaultTimeline(List<(TimeSpan At, ScheduledFault Fault, bool Begins)> steps)
    {
        _steps = steps;
    }

    /// <summary>When the next step is due, or null when none is left.</summary>
    public TimeSpan? NextAt => _next < _steps.Count ? _steps[_next].At : null;

    /// <summary>Orders the begin and end of every outage, and every reboot, by time (ends before begins at the same moment).</summary>
    public static FaultTimeline From(IEnumerable<ScheduledFault> faults)
    {
        var steps = new List<(TimeSpan At, ScheduledFault Fault, bool Begins)>();
        foreach (var fault in faults)
        {
            steps.Add((fault.Start, fault, true));
            if (fault.Kind != FaultKind.Reboot)
            {
                steps.Add((fault.End, fault, false));
            }
        }

        return new FaultTimeline([.. steps.OrderBy(s => s.At).ThenBy(s => s.Begins)]);
    }

    /// <summary>Applies every step due at <paramref name="elapsed"/>.</summary>
    public void ApplyDue(TimeSpan elapsed, FleetSimulator fleet)
    {
        while (_next < _steps.Count && _steps[_next].At <= elapsed)
        {
            var (_, fault, begins) = _steps[_next++];
            if (fault.Kind == FaultKind.Reboot)
            {
                fleet.RebootAll();
            }
            else if (begins)
            {
                _running.Add(fault);
                fleet.Conditions.Begin(fault.Kind);
            }
            else
            {
                _running.Remove(fault);
                fleet.Conditions.End(fault.Kind);
            }
        }
    }

    /// <summary>Ends outages still running when the run stops, so the conditions are clean again.</summary>
    public void EndRunningOutages(FleetSimulator fleet)
    {
        foreach (var fault in _running)
        {
            fleet.Conditions.End(fault.Kind);
        }

        _running.Clear();
    }
}

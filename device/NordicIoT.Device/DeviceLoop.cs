using System;
using System.Threading;

namespace NordicIoT.Device
{
    /// <summary>Called on the loop's thread when <see cref="DeviceRuntime.RunOnce"/> threw; the loop carries on after a pause.</summary>
    public delegate void DeviceFailureHandler(Exception exception);

    /// <summary>The board's main loop: one thread that calls <see cref="DeviceRuntime.RunOnce"/> and sleeps until more work is due or a transport event arrives.</summary>
    /// <remarks>Failures never end the loop: they are reported through <see cref="Failed"/> and retried after <see cref="RetryMilliseconds"/>.</remarks>
    public sealed class DeviceLoop
    {
        /// <summary>Pause after a failed step, ms.</summary>
        public const int RetryMilliseconds = 5000;

        private readonly DeviceRuntime _runtime;
        private readonly AutoResetEvent _wake = new AutoResetEvent(false);
        // nanoFramework has no 'volatile' (its mscorlib lacks IsVolatile): the stop flag is read and written under a lock.
        private readonly object _gate = new object();
        private Thread _thread;
        private bool _stopping;

        /// <summary>Drives <paramref name="runtime"/>, which must have been started.</summary>
        public DeviceLoop(DeviceRuntime runtime)
        {
            _runtime = runtime;
            runtime.WorkQueued += OnWorkQueued;
        }

        /// <summary>Raised when a step failed.</summary>
        public event DeviceFailureHandler Failed;

        /// <summary>Starts the loop's thread.</summary>
        public void Start()
        {
            if (_thread != null)
            {
                throw new InvalidOperationException("the loop is already running");
            }

            _thread = new Thread(Run);
            _thread.Start();
        }

        /// <summary>Ends the loop after the current step and waits for its thread.</summary>
        public void Stop()
        {
            if (_thread == null)
            {
                return;
            }

            SetStopping(true);
            _wake.Set();
            _thread.Join();
            _thread = null;
            SetStopping(false);
        }

        private bool IsStopping()
        {
            lock (_gate)
            {
                return _stopping;
            }
        }

        private void SetStopping(bool stopping)
        {
            lock (_gate)
            {
                _stopping = stopping;
            }
        }

        private void OnWorkQueued()
        {
            _wake.Set();
        }

        private void Run()
        {
            while (!IsStopping())
            {
                int wait;
                try
                {
                    wait = _runtime.RunOnce();
                }
                catch (Exception e)
                {
                    DeviceFailureHandler failed = Failed;
                    if (failed != null)
                    {
                        failed(e);
                    }

                    wait = RetryMilliseconds;
                }

                if (wait > 0)
                {
                    _wake.WaitOne(wait, false);
                }
            }
        }
    }
}
